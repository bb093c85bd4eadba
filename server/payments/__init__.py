"""Online payments: the provider tells us by a signed webhook that an order is paid."""
