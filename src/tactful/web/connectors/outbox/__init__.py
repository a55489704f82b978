"""The outbox connector: publishes to a local feed page, so the whole flow works with
no platform account. It is the default for every channel until a real one is set."""
