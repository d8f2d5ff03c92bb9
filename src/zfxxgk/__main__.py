"""`python -m zfxxgk` runs the command line, for machines where the `zfxxgk`
script is not on the PATH (a Windows office PC with a per-user install)."""

from .cli import main

if __name__ == "__main__":
    main()
