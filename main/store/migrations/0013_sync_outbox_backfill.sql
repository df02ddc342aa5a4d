-- What an earlier version queued (as payloads nothing sent) is queued again as records, in the
-- order the changes happened: nothing recorded before the sync existed is left behind.
INSERT INTO outbox (uid, patient_id, kind, entity_id, created_at)
SELECT lower(hex(randomblob(16))), patient_id, kind, entity_id, at FROM (
  SELECT patient_id, 'letter' AS kind, id AS entity_id, received_at AS at FROM letters WHERE received_at IS NOT NULL
  UNION ALL SELECT patient_id, 'call', id, at FROM contact_attempts
  UNION ALL SELECT patient_id, 'enrollment', id, coalesce(updated_at, created_at) FROM enrollments WHERE state != 'candidate'
  UNION ALL SELECT e.patient_id, 'consent', c.id, c.signed_at FROM consents c JOIN enrollments e ON e.id = c.enrollment_id WHERE c.signed_at IS NOT NULL
  UNION ALL SELECT patient_id, 'pai', id, updated_at FROM pais WHERE status != 'draft'
  UNION ALL SELECT patient_id, 'booking', id, updated_at FROM bookings
) ORDER BY at;
