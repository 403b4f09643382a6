"""The data spine, no widgets: the open document, its undo commands, the selection and the alignment report."""
