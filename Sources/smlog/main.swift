import SmlogCLI

SmlogMain.run()
