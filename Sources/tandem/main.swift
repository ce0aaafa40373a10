import TandemWeb

await TandemCommand.main()
