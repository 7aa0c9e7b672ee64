from claimcli.cli import main

main()
