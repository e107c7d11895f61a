"""Use cases shared by the UI and the CLI. They take a session and return plain data."""
