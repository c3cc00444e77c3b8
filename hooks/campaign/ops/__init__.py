"""Publishing: the link check and the atomic switch to a new release."""
