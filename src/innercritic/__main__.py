from innercritic.entry import run

run()
