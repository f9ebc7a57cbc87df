"""Sub-commands of the ``clausewright`` CLI, one module per area."""
