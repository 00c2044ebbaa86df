-- Endpoints registered from configuration (--webhook, Config.DefaultWebhooks)
-- are marked, so that a restart with a new --webhook-secret updates their
-- secret instead of signing with the first one forever.
ALTER TABLE webhook_endpoints ADD COLUMN config_default INTEGER NOT NULL DEFAULT 0;
-- Rows from before this column: an endpoint registered through POST /webhooks
-- has a generated secret, whsec_ and 48 lowercase hex digits; any other secret
-- came from configuration.
UPDATE webhook_endpoints SET config_default = 1
WHERE deleted_at IS NULL
  AND NOT (length(secret) = 54 AND substr(secret, 1, 6) = 'whsec_' AND substr(secret, 7) NOT GLOB '*[^0-9a-f]*');
