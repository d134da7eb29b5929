"""What associations use to add and correct offers: the field reference, the form, `new`."""
