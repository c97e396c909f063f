encrypt_volumes = true
public_endpoint = false
