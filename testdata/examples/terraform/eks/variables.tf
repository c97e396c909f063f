variable "cluster_name" {
  type    = string
  default = "orders"
}

variable "public_endpoint" {
  description = "Expose the Kubernetes API to the internet"
  type        = bool
  default     = true
}

variable "encrypt_volumes" {
  type    = bool
  default = false
}

variable "kms_key_arn" {
  description = "No default: given at plan time, so nothing can be said about it here"
  type        = string
}
