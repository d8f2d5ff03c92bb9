"""Command groups added to the `zfxxgk` CLI, one module per group."""
