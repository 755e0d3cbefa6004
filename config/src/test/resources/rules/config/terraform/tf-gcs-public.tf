# ruleid: tf-gcs-public
resource "google_storage_bucket_iam_member" "public" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

# ok: tf-gcs-public
resource "google_storage_bucket_iam_member" "team" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.objectViewer"
  member = "group:team@example.com"
}
