variable "db_password" {
  type      = string
  sensitive = true
}

resource "kubernetes_deployment" "web" {
  metadata {
    name      = "web"
    namespace = "shop"
  }
  spec {
    replicas = 2
    selector {
      match_labels = { app = "web" }
    }
    template {
      metadata {
        labels = { app = "web" }
      }
      spec {
        init_container {
          name  = "setup"
          image = "registry.example.com/setup:1.0"
          security_context {
            privileged = true
          }
        }
        container {
          name  = "web"
          image = "registry.example.com/web:1.4.2"
          security_context {
            privileged                 = false
            allow_privilege_escalation = false
          }
        }
        container {
          name  = "agent"
          image = "registry.example.com/agent:2.0"
          security_context {
            privileged = true
          }
        }
      }
    }
  }
}

resource "kubernetes_cron_job_v1" "report" {
  metadata {
    name = "report"
  }
  spec {
    schedule = "0 3 * * *"
    job_template {
      metadata {}
      spec {
        template {
          metadata {}
          spec {
            container {
              name  = "report"
              image = "registry.example.com/report:1.0"
              security_context {
                privileged = true
              }
            }
          }
        }
      }
    }
  }
}

resource "kubernetes_storage_class" "gp2" {
  metadata {
    name = "gp2"
    annotations = {
      "storageclass.kubernetes.io/is-default-class" = "true"
    }
  }
  storage_provisioner = "kubernetes.io/aws-ebs"
  parameters = {
    type = "gp2"
  }
}

resource "kubernetes_storage_class_v1" "gp3" {
  metadata {
    name = "gp3"
  }
  storage_provisioner = "ebs.csi.aws.com"
  parameters = {
    type      = "gp3"
    encrypted = "false"
  }
}

resource "kubernetes_storage_class_v1" "gp3_encrypted" {
  metadata {
    name = "gp3-encrypted"
  }
  storage_provisioner = "ebs.csi.aws.com"
  parameters = {
    type      = "gp3"
    encrypted = "true"
  }
}

resource "kubernetes_secret" "api" {
  metadata {
    name      = "api"
    namespace = "shop"
  }
  data = {
    token = "s3cr3t-t0ken"
  }
}

# Values from a variable without a default or another resource are not in the repository.
resource "kubernetes_secret_v1" "db" {
  metadata {
    name      = "db"
    namespace = "shop"
  }
  data = {
    password = var.db_password
  }
}
