"""What the search index holds of an offer besides its page: its facts as words, synonyms, compounds."""
