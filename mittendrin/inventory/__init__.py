"""The Bestandsaufnahme: what exists where and for whom, where nothing exists, what is stale."""
