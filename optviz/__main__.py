from optviz.cli import main

# The guard matters: the engine process is started with "spawn", which imports this module
# again in the child under another name.
if __name__ == "__main__":
    raise SystemExit(main())
