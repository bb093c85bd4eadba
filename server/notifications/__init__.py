"""Messages to customers: a catalogue of what is said and when, an outbox, and channels."""
