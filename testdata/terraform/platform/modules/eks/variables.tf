variable "cluster_name" {
  type = string
}

variable "kms_key_arn" {
  description = "Key for envelope encryption of Secrets; null turns it off"
  type        = string
  default     = null
}

variable "cluster_endpoint_public_access" {
  type     = bool
  default  = false
  nullable = false
}

variable "logging" {
  type = object({
    enabled = optional(bool, true)
    types   = optional(list(string), ["api", "audit", "authenticator", "controllerManager", "scheduler"])
  })
  default = {}
}
