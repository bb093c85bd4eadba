"""The staff console under /staff/: one module per page group, each a Blueprint."""
