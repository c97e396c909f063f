variable "cluster_name" {
  type    = string
  default = "platform"
}
