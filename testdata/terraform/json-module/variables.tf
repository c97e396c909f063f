variable "encrypt" {
  type    = bool
  default = false
}
