"""Import, export, merge and reports over the store. No Qt."""
