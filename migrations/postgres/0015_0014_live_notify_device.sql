-- 0013's device trigger named NEW.id and NEW.device_id in one expression, which fails on either table
-- (a record has only its own fields): revoking a device answered 500. One branch per table.
CREATE OR REPLACE FUNCTION casework_notify_device() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
BEGIN
  IF TG_TABLE_NAME = 'devices' THEN
    PERFORM pg_notify('casework_changes', jsonb_build_object('d', NEW.id, 'o', NULL)::text);
  ELSE
    PERFORM pg_notify('casework_changes', jsonb_build_object('d', NEW.device_id, 'o', NEW.org_id)::text);
  END IF;
  RETURN NULL;
END $$;
