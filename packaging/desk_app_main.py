"""Entry point of the built application (PyInstaller): the window, or a command.

Both executables of the folder run this: ``DeskPilkada`` (the window; on Windows without
a console) and ``desk-app`` (the command line, as from a source install).
"""

import multiprocessing
import sys

if __name__ == "__main__":
    # The demo seeder runs a producer process; a frozen Windows build spawns it through
    # this executable, which must then run the child's work instead of the app.
    multiprocessing.freeze_support()
    from desk_app.cli import main

    sys.exit(main())
