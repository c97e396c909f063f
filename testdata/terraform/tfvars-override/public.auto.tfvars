# A string, converted to a boolean because the variable is a bool.
public_endpoint = "true"
