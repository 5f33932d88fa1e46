/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithSchema"

#include "kith-schema.h"

/*
 * Migrations, oldest first. Migration N takes a database from user_version N-1 to N and runs in
 * one transaction with the version bump. Never edit a migration that has shipped: add one.
 *
 * Times are milliseconds since the epoch in UTC. Dates without a time (birthdays, due dates,
 * custom date fields) are ISO 8601 text, "YYYY-MM-DD", or "--MM-DD" when the year is unknown.
 */
static const char *migrations[] = {
  /* 1: the whole model */
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT"
  ") WITHOUT ROWID;"

  /* Relationship settings */
  "CREATE TABLE segments ("
  "  key TEXT PRIMARY KEY,"
  "  applies_to TEXT NOT NULL CHECK (applies_to IN ('people','projects')),"
  "  category TEXT NOT NULL CHECK (category IN ('business','personal','project')),"
  "  name TEXT NOT NULL,"
  "  stage_set TEXT NOT NULL DEFAULT 'default',"
  "  enabled INTEGER NOT NULL DEFAULT 1,"
  "  cadence_days INTEGER,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ") WITHOUT ROWID;"
  "CREATE TABLE stages ("
  "  segment TEXT NOT NULL REFERENCES segments(key) ON DELETE CASCADE ON UPDATE CASCADE,"
  "  key TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (segment, key)"
  ") WITHOUT ROWID;"
  "CREATE TABLE steps ("
  "  key TEXT PRIMARY KEY,"
  "  segment TEXT NOT NULL,"
  "  stage TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  reminder_days INTEGER,"
  "  template TEXT,"
  "  FOREIGN KEY (segment, stage) REFERENCES stages(segment, key) ON DELETE CASCADE ON UPDATE CASCADE"
  ") WITHOUT ROWID;"
  "CREATE INDEX steps_by_stage ON steps(segment, stage, position);"

  /* People, companies and projects share one table: sync keys, tags, custom values, timeline
   * participants, files and the audit log then need one foreign key, not three. */
  "CREATE TABLE records ("
  "  id INTEGER PRIMARY KEY,"
  "  kind INTEGER NOT NULL CHECK (kind IN (0,1,2)),"
  "  sync_key TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  sort_name TEXT NOT NULL,"
  "  first TEXT,"
  "  last TEXT,"
  "  headline TEXT,"
  "  description TEXT,"
  "  picture TEXT,"
  "  private INTEGER NOT NULL DEFAULT 0,"
  "  segment TEXT,"
  "  stage TEXT,"
  "  step TEXT,"
  "  step_since INTEGER,"
  "  notes TEXT,"
  "  role TEXT,"
  "  department TEXT,"
  "  lead_source TEXT,"
  "  birthday TEXT,"
  "  company_id INTEGER REFERENCES records(id) ON DELETE SET NULL,"
  "  assignee TEXT,"
  "  start_date TEXT,"
  "  end_date TEXT,"
  "  value REAL,"
  "  currency TEXT,"
  "  project_type TEXT,"
  "  forecast TEXT CHECK (forecast IS NULL OR forecast IN ('commit','bestcase')),"
  "  cadence_days INTEGER,"
  "  created INTEGER NOT NULL,"
  "  changed INTEGER NOT NULL,"
  "  last_contact INTEGER"
  ");"
  "CREATE INDEX records_by_name ON records(kind, sort_name);"
  "CREATE INDEX records_by_contact ON records(kind, last_contact);"
  "CREATE INDEX records_by_changed ON records(kind, changed);"
  "CREATE INDEX records_by_created ON records(kind, created);"
  "CREATE INDEX records_by_stage ON records(kind, stage, sort_name);"
  "CREATE INDEX records_by_segment ON records(kind, segment, sort_name);"
  "CREATE INDEX records_by_company ON records(company_id) WHERE company_id IS NOT NULL;"
  "CREATE INDEX records_by_birthday ON records(substr(birthday, -5)) WHERE birthday IS NOT NULL;"
  "CREATE INDEX records_by_step ON records(step) WHERE step IS NOT NULL;"

  /* Emails, phones, faxes, URLs, social handles and company domains. Those that identify a
   * record carry a normalised key, unique across all records. */
  "CREATE TABLE channels ("
  "  id INTEGER PRIMARY KEY,"
  "  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  type TEXT NOT NULL CHECK (type IN ('email','phone','fax','url','domain','twitter','facebook','linkedin')),"
  "  value TEXT NOT NULL,"
  "  key TEXT,"
  "  label TEXT,"
  "  preferred INTEGER NOT NULL DEFAULT 0,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE UNIQUE INDEX channels_by_key ON channels(type, key) WHERE key IS NOT NULL;"
  "CREATE INDEX channels_by_record ON channels(record_id, type, position);"
  "CREATE INDEX channels_by_email_domain ON channels(substr(key, instr(key, '@') + 1)) WHERE type = 'email';"

  "CREATE TABLE addresses ("
  "  id INTEGER PRIMARY KEY,"
  "  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  street TEXT, city TEXT, region TEXT, country TEXT, postal_code TEXT,"
  "  label TEXT, latitude REAL, longitude REAL,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX addresses_by_record ON addresses(record_id);"

  "CREATE TABLE app_links ("
  "  id INTEGER PRIMARY KEY,"
  "  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  app_id TEXT NOT NULL,"
  "  unique_id TEXT NOT NULL,"
  "  app_name TEXT,"
  "  url TEXT,"
  "  UNIQUE (app_id, unique_id)"
  ");"
  "CREATE INDEX app_links_by_record ON app_links(record_id);"

  "CREATE TABLE occasions ("
  "  id INTEGER PRIMARY KEY,"
  "  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  label TEXT NOT NULL,"
  "  date TEXT NOT NULL"
  ");"
  "CREATE INDEX occasions_by_record ON occasions(record_id);"
  "CREATE INDEX occasions_by_day ON occasions(substr(date, -5));"

  "CREATE TABLE tags ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE"
  ");"
  "CREATE TABLE record_tags ("
  "  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,"
  "  PRIMARY KEY (record_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX record_tags_by_tag ON record_tags(tag_id, record_id);"

  /* Custom fields */
  "CREATE TABLE custom_sections ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE custom_fields ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  type TEXT NOT NULL CHECK (type IN ('text','pick','multipick','date','integer','decimal','currency')),"
  "  applies_to INTEGER NOT NULL CHECK (applies_to IN (0,1,2)),"
  "  section_id INTEGER REFERENCES custom_sections(id) ON DELETE SET NULL,"
  "  options TEXT,"
  "  currency TEXT,"
  "  remind_yearly INTEGER NOT NULL DEFAULT 0,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  /* No rows for a field: it applies to every segment and stage. */
  "CREATE TABLE custom_field_scopes ("
  "  field_id INTEGER NOT NULL REFERENCES custom_fields(id) ON DELETE CASCADE,"
  "  segment TEXT NOT NULL,"
  "  stage TEXT"
  ");"
  "CREATE INDEX custom_field_scopes_by_field ON custom_field_scopes(field_id);"
  /* One row per value; a multi-pick list has one row per picked item. "num" holds numbers,
   * currency amounts and dates (as Julian day) for comparisons. */
  "CREATE TABLE custom_values ("
  "  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  field_id INTEGER NOT NULL REFERENCES custom_fields(id) ON DELETE CASCADE,"
  "  value TEXT NOT NULL,"
  "  num REAL"
  ");"
  "CREATE INDEX custom_values_by_record ON custom_values(record_id, field_id);"
  "CREATE INDEX custom_values_by_field_value ON custom_values(field_id, value COLLATE NOCASE);"
  "CREATE INDEX custom_values_by_field_num ON custom_values(field_id, num) WHERE num IS NOT NULL;"

  /* Projects' participants and deal team */
  "CREATE TABLE project_members ("
  "  project_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL CHECK (role IN ('participant','team')),"
  "  PRIMARY KEY (project_id, record_id, role)"
  ") WITHOUT ROWID;"
  "CREATE INDEX project_members_by_record ON project_members(record_id);"

  /* Timeline: communications, notes, events and external to-dos */
  "CREATE TABLE timeline ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('email','call','text','meeting','direct','postal','note','event','todo')),"
  "  date INTEGER NOT NULL,"
  "  subject TEXT,"
  "  preview TEXT,"
  "  body TEXT,"
  "  body_type TEXT CHECK (body_type IS NULL OR body_type IN ('text','html')),"
  "  direction TEXT CHECK (direction IS NULL OR direction IN ('inbound','outbound')),"
  "  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('connected','leftvm','noanswer')),"
  "  duration INTEGER,"
  "  location TEXT,"
  "  thread_id TEXT,"
  "  message_id TEXT,"
  "  source TEXT,"
  "  unique_id TEXT,"
  "  links TEXT,"
  "  account TEXT,"
  "  created INTEGER NOT NULL"
  ");"
  "CREATE UNIQUE INDEX timeline_by_source ON timeline(source, unique_id) WHERE unique_id IS NOT NULL;"
  "CREATE UNIQUE INDEX timeline_by_message_id ON timeline(message_id) WHERE message_id IS NOT NULL;"
  "CREATE INDEX timeline_by_thread ON timeline(thread_id, date) WHERE thread_id IS NOT NULL;"
  "CREATE INDEX timeline_by_date ON timeline(date);"
  "CREATE INDEX timeline_inbound_mail ON timeline(date) WHERE kind = 'email' AND direction = 'inbound';"
  /* Everyone an item names, resolved to a record through sync keys when one matches. */
  "CREATE TABLE timeline_people ("
  "  item_id INTEGER NOT NULL REFERENCES timeline(id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL CHECK (role IN ('from','to','cc','bcc','participant','about')),"
  "  value TEXT,"
  "  key TEXT,"
  "  name TEXT,"
  "  record_id INTEGER REFERENCES records(id) ON DELETE SET NULL"
  ");"
  "CREATE INDEX timeline_people_by_item ON timeline_people(item_id);"
  "CREATE INDEX timeline_people_by_record ON timeline_people(record_id, item_id) WHERE record_id IS NOT NULL;"
  "CREATE INDEX timeline_people_by_key ON timeline_people(key) WHERE key IS NOT NULL;"

  "CREATE TABLE todos ("
  "  id INTEGER PRIMARY KEY,"
  "  subject TEXT NOT NULL,"
  "  preview TEXT,"
  "  due TEXT,"
  "  assigner TEXT,"
  "  assignee TEXT,"
  "  done INTEGER NOT NULL DEFAULT 0,"
  "  done_at INTEGER,"
  "  source TEXT,"
  "  unique_id TEXT,"
  "  created INTEGER NOT NULL"
  ");"
  "CREATE UNIQUE INDEX todos_by_source ON todos(source, unique_id) WHERE unique_id IS NOT NULL;"
  "CREATE INDEX todos_open_by_due ON todos(due) WHERE done = 0;"
  "CREATE TABLE todo_people ("
  "  todo_id INTEGER NOT NULL REFERENCES todos(id) ON DELETE CASCADE,"
  "  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  PRIMARY KEY (todo_id, record_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX todo_people_by_record ON todo_people(record_id);"

  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  record_id INTEGER REFERENCES records(id) ON DELETE SET NULL,"
  "  record_sync_key TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  old_value TEXT,"
  "  new_value TEXT,"
  "  at INTEGER NOT NULL"
  ");"
  "CREATE INDEX audit_by_record ON audit(record_id, at);"
  "CREATE INDEX audit_by_time ON audit(at);"

  "CREATE TABLE files ("
  "  id INTEGER PRIMARY KEY,"
  "  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  uri TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  size INTEGER,"
  "  content_type TEXT,"
  "  copied INTEGER NOT NULL DEFAULT 0,"
  "  added INTEGER NOT NULL"
  ");"
  "CREATE INDEX files_by_record ON files(record_id);"

  "CREATE TABLE views ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  kind INTEGER NOT NULL,"
  "  query TEXT NOT NULL,"
  "  sort TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");",

  /* 2: full-text search. Rows are written by the store whenever a record or item changes;
   * this migration indexes what version 1 databases already hold. Timeline text is stored
   * once, in the timeline table (external content). */
  "CREATE VIRTUAL TABLE records_fts USING fts5("
  "  name, emails, phones, company, notes,"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'"
  ");"
  "CREATE VIRTUAL TABLE timeline_fts USING fts5("
  "  subject, body, content = 'timeline', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO records_fts (rowid, name, emails, phones, company, notes)"
  "  SELECT r.id, r.name,"
  "    (SELECT group_concat(value, ' ') FROM channels WHERE record_id = r.id AND type IN ('email','domain')),"
  "    (SELECT group_concat(value || ' ' || coalesce(key, ''), ' ') FROM channels WHERE record_id = r.id AND type IN ('phone','fax')),"
  "    (SELECT name FROM records c WHERE c.id = r.company_id),"
  "    coalesce(r.headline, '') || ' ' || coalesce(r.description, '') || ' ' || coalesce(r.notes, '')"
  "  FROM records r;"
  "INSERT INTO timeline_fts (timeline_fts) VALUES ('rebuild');",

  /* 3: notifications raised, so that each is raised once — also across restarts. A to-do
   * moved to another day, or a record on a new step, raises again: "due" is part of the key. */
  "CREATE TABLE notified ("
  "  kind TEXT NOT NULL CHECK (kind IN ('todo','reminder')),"
  "  ref INTEGER NOT NULL,"
  "  due TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  snoozed_until INTEGER,"
  "  PRIMARY KEY (kind, ref, due)"
  ") WITHOUT ROWID;",

  /* 4: the Agenda's stay-in-touch section reads this narrow index instead of every record */
  "CREATE INDEX records_stay_in_touch ON records(kind, segment, stage, cadence_days, last_contact, created);",

  /* 5: mail capture. Every message seen on a captured account's folders is indexed here by its
   * headers, whether or not it is logged: the two-way rule needs both directions, and adding an
   * address to a record pulls its history from this index. item_id is set once the message is
   * on the timeline; state is the Inbox's (NULL when the message is not in INBOX). */
  "CREATE TABLE mail_accounts ("
  "  uid TEXT PRIMARY KEY,"
  "  capture INTEGER NOT NULL DEFAULT 1,"
  "  auto_create INTEGER NOT NULL DEFAULT 1,"
  "  addresses TEXT NOT NULL DEFAULT '[]',"
  "  domains TEXT NOT NULL DEFAULT '[]',"
  "  last_sync INTEGER,"
  "  last_error TEXT"
  ") WITHOUT ROWID;"
  "CREATE TABLE mail_messages ("
  "  id INTEGER PRIMARY KEY,"
  "  account TEXT NOT NULL,"
  "  message_id TEXT NOT NULL,"
  "  folder TEXT NOT NULL,"
  "  uid TEXT NOT NULL,"
  "  role TEXT NOT NULL CHECK (role IN ('inbox','sent','archive')),"
  "  date INTEGER NOT NULL,"
  "  direction TEXT NOT NULL CHECK (direction IN ('inbound','outbound','internal')),"
  "  subject TEXT,"
  "  thread_id TEXT,"
  "  item_id INTEGER REFERENCES timeline(id) ON DELETE SET NULL,"
  "  state TEXT CHECK (state IS NULL OR state IN ('open','done')),"
  "  snoozed_until INTEGER,"
  "  UNIQUE (account, message_id)"
  ");"
  "CREATE INDEX mail_messages_by_location ON mail_messages(account, folder, uid);"
  "CREATE INDEX mail_messages_unlogged ON mail_messages(account) WHERE item_id IS NULL;"
  "CREATE INDEX mail_messages_inbox ON mail_messages(state, date) WHERE state = 'open';"
  "CREATE TABLE mail_addresses ("
  "  message INTEGER NOT NULL REFERENCES mail_messages(id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL CHECK (role IN ('from','to','cc')),"
  "  key TEXT NOT NULL,"
  "  name TEXT,"
  "  internal INTEGER NOT NULL DEFAULT 0,"   /* the user's own address or a coworker's */
  "  PRIMARY KEY (message, role, key)"
  ") WITHOUT ROWID;"
  "CREATE INDEX mail_addresses_by_key ON mail_addresses(key, role);",

  /* 6: the name of a mail account's identity: who the user is (kith_store_dup_me()) */
  "ALTER TABLE mail_accounts ADD COLUMN name TEXT;",

  /* 7: undo of deletes and merges, and sync keys that identify only with a name.
   *
   * "undo" holds, per undoable delete or merge, every row that went with the records and every
   * row that pointed at them (kith-undo.c); max_record_id keeps their ids from being handed out
   * again while undo is possible.
   *
   * A phone number or a social handle names a person only together with their name (a couple
   * shares a home phone), so those keys may now be on several records; emails and company
   * domains stay unique. Existing rows are unchanged: the old unique index already kept every
   * key on one record, so nobody is merged or split. */
  "CREATE TABLE undo ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('delete','merge')),"
  "  max_record_id INTEGER NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  data TEXT NOT NULL"
  ");"
  "DROP INDEX channels_by_key;"
  "CREATE INDEX channels_by_key ON channels(type, key) WHERE key IS NOT NULL;"
  "CREATE UNIQUE INDEX channels_unique_key ON channels(type, key) WHERE type IN ('email','domain');",

  /* 8: mail, both ways. Per account: whether Done archives on the server, and which folders
   * are read (a JSON list; NULL: every folder but Junk, Trash and Drafts). Messages Done in
   * Kith wait in the queue until the server has archived them; a failure is kept and retried
   * at every sync, also after a restart. A message also seen in another folder than the one its
   * row names (Gmail's All Mail holds INBOX too) is noted in mail_copies, so that no sync reads
   * it again. */
  "ALTER TABLE mail_accounts ADD COLUMN archive INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE mail_accounts ADD COLUMN folders TEXT;"
  "CREATE TABLE mail_archive_queue ("
  "  message INTEGER PRIMARY KEY REFERENCES mail_messages(id) ON DELETE CASCADE,"
  "  account TEXT NOT NULL,"
  "  queued INTEGER NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT"
  ");"
  "CREATE INDEX mail_archive_queue_by_account ON mail_archive_queue(account);"
  "CREATE TABLE mail_copies ("
  "  account TEXT NOT NULL,"
  "  folder TEXT NOT NULL,"
  "  uid TEXT NOT NULL,"
  "  message INTEGER NOT NULL REFERENCES mail_messages(id) ON DELETE CASCADE,"
  "  PRIMARY KEY (account, folder, uid)"
  ") WITHOUT ROWID;"
  "CREATE INDEX mail_copies_by_message ON mail_copies(message);",

  /* 9: sending mail. A message the user writes is a row of `outgoing` from its first
   * keystroke (src/core/mail/kith-outbox.c, docs/mail.md "The Outbox"): a draft, then queued,
   * sending, sent or failed. Unlike the rest of the schema its times are microseconds, as
   * KithOutgoing's are. Addresses (as typed) and attachment paths are JSON lists of strings;
   * message_id and date are fixed when it is queued. Signatures belong to a mail account, and
   * to one of its addresses or (address NULL) to all of them. */
  "CREATE TABLE outgoing ("
  "  id INTEGER PRIMARY KEY,"
  "  state TEXT NOT NULL DEFAULT 'draft'"
  "    CHECK (state IN ('draft','queued','sending','sent','failed')),"
  "  account TEXT,"
  "  from_address TEXT,"
  "  from_name TEXT,"
  "  to_addresses TEXT NOT NULL DEFAULT '[]',"
  "  cc_addresses TEXT NOT NULL DEFAULT '[]',"
  "  bcc_addresses TEXT NOT NULL DEFAULT '[]',"
  "  subject TEXT,"
  "  body_text TEXT,"
  "  body_html TEXT,"
  "  attachments TEXT NOT NULL DEFAULT '[]',"
  "  in_reply_to TEXT,"
  "  refs TEXT,"
  "  message_id TEXT UNIQUE,"
  "  date INTEGER NOT NULL DEFAULT 0,"
  "  send_after INTEGER NOT NULL DEFAULT 0,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  error TEXT,"
  "  updated INTEGER NOT NULL"
  ");"
  "CREATE INDEX outgoing_due ON outgoing(send_after) WHERE state = 'queued';"
  "CREATE INDEX outgoing_by_state ON outgoing(state, updated);"
  "CREATE TABLE signatures ("
  "  id INTEGER PRIMARY KEY,"
  "  account TEXT NOT NULL,"
  "  address TEXT,"
  "  name TEXT NOT NULL,"
  "  body TEXT NOT NULL DEFAULT '',"
  "  for_new INTEGER NOT NULL DEFAULT 1,"
  "  for_replies INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX signatures_by_account ON signatures(account, address);",

  /* 10: the properties of an imported vCard that Kith has no field for (src/core/records/
   * kith-vcard-extra.c), kept as the text of a vCard holding only them, so that an export
   * writes them back. Deleting or merging away a record drops its row. */
  "CREATE TABLE vcard_extra ("
  "  record_id INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,"
  "  properties TEXT NOT NULL"
  ");",

  /* 11: email templates (src/core/templates/, docs/templates.md). A template's subject and
   * body hold merge fields; attachments are a JSON list of paths, copies in
   * files/templates/<id>/. A next step named its template by name only: template_id now points
   * at a stored one. No template exists yet, so every step keeps its name, unlinked ("no
   * template"); saving a template of that name links it (kith-templates.c). */
  "CREATE TABLE templates ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  subject TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  body_type TEXT NOT NULL DEFAULT 'text' CHECK (body_type IN ('text','html')),"
  "  account TEXT,"
  "  attachments TEXT NOT NULL DEFAULT '[]',"
  "  created INTEGER NOT NULL,"
  "  changed INTEGER NOT NULL"
  ");"
  "ALTER TABLE steps ADD COLUMN template_id INTEGER REFERENCES templates(id) ON DELETE SET NULL;"
  "CREATE INDEX steps_by_template ON steps(template_id) WHERE template_id IS NOT NULL;",
  /* 12: the people (and companies) Kith keeps in sync with an evolution-data-server address
   * book (src/core/records/kith-book-links.c, docs/contacts.md): which contact of which book a
   * record is, the contact's REV when the two last agreed, and the record's `changed` time
   * then, so that either side's later change (and a change on both: a conflict) is seen.
   * Deleting the record drops the link; a contact deleted on the book drops it too, and the
   * record stays. */
  "CREATE TABLE book_links ("
  "  book_uid TEXT NOT NULL,"
  "  contact_uid TEXT NOT NULL,"
  "  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  revision TEXT,"
  "  record_changed INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (book_uid, contact_uid)"
  ") WITHOUT ROWID;"
  "CREATE INDEX book_links_by_record ON book_links(record_id);",

  /* 13: mail merges (src/core/merge/, docs/merge.md). A merge sends a template to its
   * recipients, in order (position), within its limits from its start (ms). A recipient is
   * pending, queued (outgoing_id: its message in the Outbox), sent, failed (detail: the
   * server's text) or excluded (exclusion says why; detail names the empty fields). Name and
   * address are kept as they were, for the report. A person may ask not to be emailed. */
  "ALTER TABLE records ADD COLUMN do_not_email INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE mail_merges ("
  "  id INTEGER PRIMARY KEY,"
  "  template_id INTEGER REFERENCES templates(id) ON DELETE SET NULL,"
  "  account TEXT,"
  "  from_address TEXT,"
  "  from_name TEXT,"
  "  daily_cap INTEGER NOT NULL DEFAULT 0,"
  "  per_minute INTEGER NOT NULL DEFAULT 0,"
  "  start INTEGER NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'draft'"
  "    CHECK (state IN ('draft','running','paused','cancelled','finished')),"
  "  created INTEGER NOT NULL,"
  "  changed INTEGER NOT NULL"
  ");"
  "CREATE TABLE mail_merge_recipients ("
  "  merge_id INTEGER NOT NULL REFERENCES mail_merges(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  person_id INTEGER REFERENCES records(id) ON DELETE SET NULL,"
  "  name TEXT,"
  "  address TEXT,"
  "  state TEXT NOT NULL DEFAULT 'pending'"
  "    CHECK (state IN ('pending','queued','sent','failed','excluded')),"
  "  exclusion TEXT NOT NULL DEFAULT 'none',"
  "  detail TEXT,"
  "  send_at INTEGER NOT NULL DEFAULT 0,"
  "  outgoing_id INTEGER,"
  "  PRIMARY KEY (merge_id, position)"
  ");"
  "CREATE INDEX mail_merge_recipients_by_state ON mail_merge_recipients(merge_id, state, position);"
  "CREATE INDEX mail_merge_recipients_by_outgoing ON mail_merge_recipients(outgoing_id) WHERE outgoing_id IS NOT NULL;",

  /* 14: a next step's email (src/core/merge/kith-step-complete.c, docs/merge.md): once sent,
   * the message moves its person on from the step (its key) it was written for, when they
   * are still on it. Deleting the person leaves the message, completing nothing. */
  "ALTER TABLE outgoing ADD COLUMN completes_step_person INTEGER REFERENCES records(id) ON DELETE SET NULL;"
  "ALTER TABLE outgoing ADD COLUMN completes_step_key TEXT;",

  /* 15: the lists of allowed values of the tables written per row (records, channels, timeline,
   * timeline_people) as comparisons: SQLite checks `x IN ('a','b','c')` by building a table of
   * the values in memory at every INSERT, which cost a quarter of the instructions of a bulk
   * load (bench/README.md); the same rule as `x = 'a' OR x = 'b' …` is a few comparisons. A CHECK cannot be altered, so each
   * table is made anew, as SQLite's documentation says (https://sqlite.org/lang_altertable.html,
   * "Making Other Kinds Of Table Schema Changes"): create, copy every row with its rowid, drop,
   * rename, and the indexes again. The store runs migrations with foreign keys off and checks
   * them before the commit (kith-store.c): dropping the old timeline would otherwise delete its
   * people and unlink its mail. timeline_fts reads the table by name and rowid, which stay. */
  "CREATE TABLE new_records ("
  "  id INTEGER PRIMARY KEY,"
  "  kind INTEGER NOT NULL CHECK (kind = 0 OR kind = 1 OR kind = 2),"
  "  sync_key TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  sort_name TEXT NOT NULL,"
  "  first TEXT,"
  "  last TEXT,"
  "  headline TEXT,"
  "  description TEXT,"
  "  picture TEXT,"
  "  private INTEGER NOT NULL DEFAULT 0,"
  "  segment TEXT,"
  "  stage TEXT,"
  "  step TEXT,"
  "  step_since INTEGER,"
  "  notes TEXT,"
  "  role TEXT,"
  "  department TEXT,"
  "  lead_source TEXT,"
  "  birthday TEXT,"
  "  company_id INTEGER REFERENCES records(id) ON DELETE SET NULL,"
  "  assignee TEXT,"
  "  start_date TEXT,"
  "  end_date TEXT,"
  "  value REAL,"
  "  currency TEXT,"
  "  project_type TEXT,"
  "  forecast TEXT CHECK (forecast IS NULL OR forecast IN ('commit','bestcase')),"
  "  cadence_days INTEGER,"
  "  created INTEGER NOT NULL,"
  "  changed INTEGER NOT NULL,"
  "  last_contact INTEGER,"
  "  do_not_email INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO new_records (id, kind, sync_key, name, sort_name, first, last, headline, description,"
  "                         picture, private, segment, stage, step, step_since, notes, role,"
  "                         department, lead_source, birthday, company_id, assignee, start_date,"
  "                         end_date, value, currency, project_type, forecast, cadence_days,"
  "                         created, changed, last_contact, do_not_email)"
  "  SELECT id, kind, sync_key, name, sort_name, first, last, headline, description, picture,"
  "         private, segment, stage, step, step_since, notes, role, department, lead_source,"
  "         birthday, company_id, assignee, start_date, end_date, value, currency, project_type,"
  "         forecast, cadence_days, created, changed, last_contact, do_not_email"
  "  FROM records;"
  "DROP TABLE records;"
  "ALTER TABLE new_records RENAME TO records;"
  "CREATE INDEX records_by_name ON records(kind, sort_name);"
  "CREATE INDEX records_by_contact ON records(kind, last_contact);"
  "CREATE INDEX records_by_changed ON records(kind, changed);"
  "CREATE INDEX records_by_created ON records(kind, created);"
  "CREATE INDEX records_by_stage ON records(kind, stage, sort_name);"
  "CREATE INDEX records_by_segment ON records(kind, segment, sort_name);"
  "CREATE INDEX records_by_company ON records(company_id) WHERE company_id IS NOT NULL;"
  "CREATE INDEX records_by_birthday ON records(substr(birthday, -5)) WHERE birthday IS NOT NULL;"
  "CREATE INDEX records_by_step ON records(step) WHERE step IS NOT NULL;"
  "CREATE INDEX records_stay_in_touch ON records(kind, segment, stage, cadence_days, last_contact, created);"

  "CREATE TABLE new_channels ("
  "  id INTEGER PRIMARY KEY,"
  "  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
  "  type TEXT NOT NULL CHECK (type = 'email' OR type = 'phone' OR type = 'fax' OR type = 'url'"
  "    OR type = 'domain' OR type = 'twitter' OR type = 'facebook' OR type = 'linkedin'),"
  "  value TEXT NOT NULL,"
  "  key TEXT,"
  "  label TEXT,"
  "  preferred INTEGER NOT NULL DEFAULT 0,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO new_channels (id, record_id, type, value, key, label, preferred, position)"
  "  SELECT id, record_id, type, value, key, label, preferred, position FROM channels;"
  "DROP TABLE channels;"
  "ALTER TABLE new_channels RENAME TO channels;"
  "CREATE INDEX channels_by_key ON channels(type, key) WHERE key IS NOT NULL;"
  "CREATE UNIQUE INDEX channels_unique_key ON channels(type, key) WHERE type IN ('email','domain');"
  "CREATE INDEX channels_by_record ON channels(record_id, type, position);"
  "CREATE INDEX channels_by_email_domain ON channels(substr(key, instr(key, '@') + 1)) WHERE type = 'email';"

  "CREATE TABLE new_timeline ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind = 'email' OR kind = 'call' OR kind = 'text' OR kind = 'meeting'"
  "    OR kind = 'direct' OR kind = 'postal' OR kind = 'note' OR kind = 'event' OR kind = 'todo'),"
  "  date INTEGER NOT NULL,"
  "  subject TEXT,"
  "  preview TEXT,"
  "  body TEXT,"
  "  body_type TEXT CHECK (body_type IS NULL OR body_type = 'text' OR body_type = 'html'),"
  "  direction TEXT CHECK (direction IS NULL OR direction = 'inbound' OR direction = 'outbound'),"
  "  outcome TEXT CHECK (outcome IS NULL OR outcome = 'connected' OR outcome = 'leftvm'"
  "    OR outcome = 'noanswer'),"
  "  duration INTEGER,"
  "  location TEXT,"
  "  thread_id TEXT,"
  "  message_id TEXT,"
  "  source TEXT,"
  "  unique_id TEXT,"
  "  links TEXT,"
  "  account TEXT,"
  "  created INTEGER NOT NULL"
  ");"
  "INSERT INTO new_timeline (id, kind, date, subject, preview, body, body_type, direction, outcome,"
  "                          duration, location, thread_id, message_id, source, unique_id, links,"
  "                          account, created)"
  "  SELECT id, kind, date, subject, preview, body, body_type, direction, outcome, duration,"
  "         location, thread_id, message_id, source, unique_id, links, account, created"
  "  FROM timeline;"
  "DROP TABLE timeline;"
  "ALTER TABLE new_timeline RENAME TO timeline;"
  "CREATE UNIQUE INDEX timeline_by_source ON timeline(source, unique_id) WHERE unique_id IS NOT NULL;"
  "CREATE UNIQUE INDEX timeline_by_message_id ON timeline(message_id) WHERE message_id IS NOT NULL;"
  "CREATE INDEX timeline_by_thread ON timeline(thread_id, date) WHERE thread_id IS NOT NULL;"
  "CREATE INDEX timeline_by_date ON timeline(date);"
  "CREATE INDEX timeline_inbound_mail ON timeline(date) WHERE kind = 'email' AND direction = 'inbound';"

  "CREATE TABLE new_timeline_people ("
  "  item_id INTEGER NOT NULL REFERENCES timeline(id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL CHECK (role = 'from' OR role = 'to' OR role = 'cc' OR role = 'bcc'"
  "    OR role = 'participant' OR role = 'about'),"
  "  value TEXT,"
  "  key TEXT,"
  "  name TEXT,"
  "  record_id INTEGER REFERENCES records(id) ON DELETE SET NULL"
  ");"
  "INSERT INTO new_timeline_people (rowid, item_id, role, value, key, name, record_id)"
  "  SELECT rowid, item_id, role, value, key, name, record_id FROM timeline_people;"
  "DROP TABLE timeline_people;"
  "ALTER TABLE new_timeline_people RENAME TO timeline_people;"
  "CREATE INDEX timeline_people_by_item ON timeline_people(item_id);"
  "CREATE INDEX timeline_people_by_record ON timeline_people(record_id, item_id) WHERE record_id IS NOT NULL;"
  "CREATE INDEX timeline_people_by_key ON timeline_people(key) WHERE key IS NOT NULL;",

  /* 16: the indexes of a record's channels and custom values hold what a search compares
   * (src/core/search/kith-find.c): a page of #price>N or email:ab… found by walking the name
   * index looks each record up in its index alone, without reading the row (bench/README.md:
   * half the time of such a walk at 100,000 people) */
  "DROP INDEX channels_by_record;"
  "CREATE INDEX channels_by_record ON channels(record_id, type, position, key);"
  "DROP INDEX custom_values_by_record;"
  "CREATE INDEX custom_values_by_record ON custom_values(record_id, field_id, num);",

  /* 17: the Agenda reads each section in the order it shows and stops at the rows it keeps
   * (src/core/agenda/kith-agenda.c, bench/README.md). Stay in touch: people on a cadence of
   * their own by when they fell due, the others by segment and last contact; yearly custom
   * dates by month-day, as birthdays and anniversaries already are. */
  "CREATE INDEX records_due_own ON records(coalesce(last_contact, created) + cadence_days * 86400000) "
  "  WHERE kind = 0 AND cadence_days > 0 AND stage IS NOT 'out';"
  "CREATE INDEX records_due_by_segment ON records(segment, coalesce(last_contact, created)) "
  "  WHERE kind = 0 AND cadence_days IS NULL AND stage IS NOT 'out';"
  "CREATE INDEX custom_values_by_field_day ON custom_values(field_id, substr(value, -5));",

  /* 18: what a folder held when capture last read all of it (src/services/mail/kith-mail-capture.c):
   * its UIDVALIDITY, how many messages and the highest UID. A folder where none has moved is
   * not read again; one where only new UIDs came has only those read. */
  "CREATE TABLE mail_folders ("
  "  account TEXT NOT NULL,"
  "  folder TEXT NOT NULL,"
  "  uidvalidity INTEGER NOT NULL,"
  "  messages INTEGER NOT NULL,"
  "  last_uid INTEGER NOT NULL,"
  "  PRIMARY KEY (account, folder)"
  ") WITHOUT ROWID;",

  /* 19: a page of an id set alone sorted by name (email:ab…, #price>N), collected
   * (src/core/search/kith-find.c), reads each address's record id and each record's kind and
   * name from indexes: a few dense pages, where reading them from the tables took a random page
   * of each per match (bench/README.md: a third of the time at 100,000 people) */
  "DROP INDEX channels_by_key;"
  "CREATE INDEX channels_by_key ON channels(type, key, record_id) WHERE key IS NOT NULL;"
  "CREATE INDEX records_names_by_id ON records(id, kind, sort_name);",

  /* 20: the stay-in-touch section reads records_due_own and records_due_by_segment (migration
   * 17); the index of migration 4 was read by nothing since and written with every record */
  "DROP INDEX records_stay_in_touch;",

  /* 21: where a reply to an email goes when it is not its sender: its Reply-To header (a web
   * form's lead, a mailing list), the JSON list of addresses as the header gives them */
  "ALTER TABLE timeline ADD COLUMN reply_to TEXT;",

  /* 22: how often a record came, went or changed its name or kind, whoever wrote it: a search
   * keeps the order of names in memory (src/core/search/kith-name-order.c) and reads it again
   * when this moves */
  "CREATE TABLE name_order (version INTEGER NOT NULL);"
  "INSERT INTO name_order (version) VALUES (0);"
  "CREATE TRIGGER name_order_insert AFTER INSERT ON records "
  "  BEGIN UPDATE name_order SET version = version + 1; END;"
  "CREATE TRIGGER name_order_delete AFTER DELETE ON records "
  "  BEGIN UPDATE name_order SET version = version + 1; END;"
  "CREATE TRIGGER name_order_update AFTER UPDATE OF id, kind, sort_name ON records "
  "  WHEN new.id IS NOT old.id OR new.kind IS NOT old.kind OR new.sort_name IS NOT old.sort_name "
  "  BEGIN UPDATE name_order SET version = version + 1; END;",

  /* 23: the records of a range of a custom field's numbers (#price>N) from the index alone: a
   * search marks their ids in the order of names (src/core/search/kith-find.c), and reading
   * each from the table took a random page of its own (bench/README.md: 7,000 ids, 10–14 ms at
   * a million people) */
  "DROP INDEX custom_values_by_field_num;"
  "CREATE INDEX custom_values_by_field_num ON custom_values(field_id, num, record_id) WHERE num IS NOT NULL;",

  /* 24: a prefix of four letters from an index of its own too: "amar"* read the list of every
   * word it starts and merged them (3 ms at a million people, 1 ms now); the index grows by a
   * tenth (bench/README.md). The words are cut as migration 2 cuts them
   * (src/core/search/kith-prefix-check.c reads them so too). */
  "CREATE VIRTUAL TABLE records_fts_new USING fts5("
  "  name, emails, phones, company, notes,"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4'"
  ");"
  "INSERT INTO records_fts_new (rowid, name, emails, phones, company, notes)"
  "  SELECT rowid, name, emails, phones, company, notes FROM records_fts;"
  "INSERT INTO records_fts_new (records_fts_new) VALUES ('optimize');"
  "DROP TABLE records_fts;"
  "ALTER TABLE records_fts_new RENAME TO records_fts;",

  /* 25: the store's connection counts in name_order the records that came, went or changed
   * their name or kind, once a transaction (src/core/store/kith-change-hook.c): a trigger on
   * `records`, even one that does nothing, made SQLite keep a statement journal for every
   * insert into it (the pages of its twelve indexes copied), a tenth of an import's time
   * (bench/README.md) */
  "DROP TRIGGER IF EXISTS name_order_insert;"
  "DROP TRIGGER IF EXISTS name_order_delete;"
  "DROP TRIGGER IF EXISTS name_order_update;",

  /* 26: numbers in names sort by their value, "21 Cedar Lane" before "192 Pine Court": the
   * sort names that hold a digit made again by Kith's code (kith_records_sort_name (), which
   * the store's connection offers as kith_sort_name ()), and the order of names counted anew */
  "UPDATE records SET sort_name = kith_sort_name(name) WHERE sort_name GLOB '*[0-9]*';"
  "UPDATE name_order SET version = version + 1;",
};

guint
kith_schema_get_n_migrations (void)
{
  return G_N_ELEMENTS (migrations);
}

const char *
kith_schema_get_migration (guint version)
{
  g_return_val_if_fail (version >= 1 && version <= G_N_ELEMENTS (migrations), NULL);

  return migrations[version - 1];
}
