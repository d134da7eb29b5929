"""The typed offer and the town's settings: what every later stage reads and trusts."""
