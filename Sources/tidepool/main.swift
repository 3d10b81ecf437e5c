import TidepoolCommandLine

TidepoolEntry.main()
