"""When an offer takes place: its appointments as real dates, and in words."""
