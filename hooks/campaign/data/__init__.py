"""The data contract: the layout of a data folder, the models, loading and validation, in Chinese."""
