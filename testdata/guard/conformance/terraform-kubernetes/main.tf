resource "kubernetes_deployment" "web" {
  metadata {
    name      = "web"
    namespace = "shop"
    labels = {
      app = "web"
    }
  }
  spec {
    replicas = 2
    template {
      metadata {
        labels = {
          app = "web"
        }
      }
      spec {
        container {
          name  = "web"
          image = "nginx:1.27"
          security_context {
            privileged = false
          }
        }
        container {
          name  = "sidecar"
          image = "envoy:1.30"
          security_context {
            privileged = true
          }
        }
      }
    }
  }
}

resource "kubernetes_namespace" "shop" {
  metadata {
    name = "shop"
  }
}

resource "kubernetes_namespace" "team" {
  metadata {
    name = "payments"
    labels = {
      team = "payments"
    }
  }
}

resource "kubernetes_stateful_set" "db" {
  metadata {
    name      = "db"
    namespace = "shop"
  }
  spec {
    service_name = "db"
    template {
      metadata {
        labels = {
          app = "db"
        }
      }
      spec {
        automount_service_account_token = false
        container {
          name  = "db"
          image = "postgres:16"
        }
      }
    }
  }
}
