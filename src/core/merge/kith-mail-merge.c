/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithMerge"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-enums.h"
#include "kith-mail-merge-private.h"
#include "kith-object-util.h"
#include "kith-outbox-private.h"

/*
 * A mail merge, made and reviewed (docs/merge.md): its recipients resolved from records, a
 * deal's people or a query, each one checked — an address, no "do not email", no field
 * without fallback empty, no address twice — and given its time to leave so that the
 * account's limits hold. Running it (the Outbox) is in kith-mail-merge-run.c.
 *
 * Every call here is blocking: run it on the store's worker.
 */

#define DAY_MS    (G_GINT64_CONSTANT (24) * 3600 * 1000)
#define MINUTE_MS (G_GINT64_CONSTANT (60) * 1000)

/* At most this many recipients in one merge: a preview pages through them, but the store
 * holds them all */
#define MAX_RECIPIENTS 100000

static gboolean
host_is (const char *host,
         const char *domain)
{
  return host != NULL && (g_ascii_strcasecmp (host, domain) == 0 ||
                          (g_str_has_suffix (host, domain) && host[strlen (host) - strlen (domain) - 1] == '.'));
}

/**
 * kith_mail_merge_default_limits:
 * @smtp_host: (nullable): the account's SMTP server
 * @from_address: (nullable): the address the merge is sent from
 *
 * The provider's limits, as far as they can be told from the account: Gmail's SMTP server with
 * a gmail.com or googlemail.com address is a personal account (500 a day); with any other
 * domain, Google Workspace (2,000 a day). Others get KITH_MERGE_DEFAULT_DAILY_CAP. The start is
 * left as it is.
 */
void
kith_mail_merge_default_limits (const char      *smtp_host,
                                const char      *from_address,
                                KithMergeLimits *limits)
{
  const char *at = from_address != NULL ? strrchr (from_address, '@') : NULL;
  const char *domain = at != NULL ? at + 1 : "";
  gboolean google = host_is (smtp_host, "gmail.com") || host_is (smtp_host, "googlemail.com");

  limits->per_minute = KITH_MERGE_DEFAULT_PER_MINUTE;
  if (google && (host_is (domain, "gmail.com") || host_is (domain, "googlemail.com")))
    limits->daily_cap = 500;
  else if (google)
    limits->daily_cap = 2000;
  else
    limits->daily_cap = KITH_MERGE_DEFAULT_DAILY_CAP;
}

/**
 * kith_mail_merge_schedule_time:
 * @base: when the first one may leave (ms)
 * @k: the place of a recipient among those to send, from 0
 *
 * Day after day from @base, @limits's daily cap each day, and within a day @per_minute a
 * minute: no 24 hours from @base hold more than the cap.
 *
 * Returns: when recipient @k leaves (ms)
 */
gint64
kith_mail_merge_schedule_time (const KithMergeLimits *limits,
                               gint64                 base,
                               guint                  k)
{
  guint day = limits->daily_cap > 0 ? k / limits->daily_cap : 0;
  guint in_day = limits->daily_cap > 0 ? k % limits->daily_cap : k;
  guint minute = limits->per_minute > 0 ? in_day / limits->per_minute : 0;

  return base + day * DAY_MS + minute * MINUTE_MS;
}

void
kith_merge_row_clear (KithMergeRow *row)
{
  g_clear_pointer (&row->account, g_free);
  g_clear_pointer (&row->from_address, g_free);
  g_clear_pointer (&row->from_name, g_free);
}

gboolean
kith_merge_read_locked (KithStore     *store,
                        gint64         merge_id,
                        KithMergeRow  *row,
                        GError       **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, store,
                               "SELECT state, template_id, account, from_address, from_name, daily_cap, "
                               "per_minute, start FROM mail_merges WHERE id = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, merge_id);
  if (!kith_statement_has_row (&st, error))
    {
      if (!kith_statement_failed (&st))
        g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                     _("There is no mail merge #%" G_GINT64_FORMAT), merge_id);
      return FALSE;
    }

  row->id = merge_id;
  row->state = kith_enum_from_nick (KITH_TYPE_MERGE_STATE, kith_statement_column_text (&st, 0));
  row->template_id = kith_statement_column_int64 (&st, 1);
  row->account = kith_statement_dup_text (&st, 2);
  row->from_address = kith_statement_dup_text (&st, 3);
  row->from_name = kith_statement_dup_text (&st, 4);
  row->limits.daily_cap = kith_statement_column_int64 (&st, 5);
  row->limits.per_minute = kith_statement_column_int64 (&st, 6);
  row->limits.start = kith_statement_column_int64 (&st, 7);
  return TRUE;
}

gboolean
kith_merge_set_state_locked (KithStore       *store,
                             gint64           merge_id,
                             KithMergeState   state,
                             GError         **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, store, "UPDATE mail_merges SET state = ?1, changed = ?2 WHERE id = ?3", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, kith_enum_to_nick (KITH_TYPE_MERGE_STATE, state));
  kith_statement_bind_int64 (&st, 2, kith_store_now (store));
  kith_statement_bind_int64 (&st, 3, merge_id);
  return kith_statement_run (&st, error);
}

/**
 * kith_merge_schedule_locked:
 *
 * Gives each pending recipient, in order, its time: from the later of the start and now, so a
 * merge resumed after a pause goes on from then.
 */
gboolean
kith_merge_schedule_locked (KithStore     *store,
                            KithMergeRow  *row,
                            GError       **error)
{
  g_auto(KithStatement) select = KITH_STATEMENT_INIT;
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 base = MAX (row->limits.start, kith_store_now (store));

  if (!kith_statement_prepare (&select, store,
                               "SELECT position FROM mail_merge_recipients WHERE merge_id = ? AND state = 'pending' "
                               "ORDER BY position", error))
    return FALSE;
  kith_statement_bind_int64 (&select, 1, row->id);
  while (kith_statement_step (&select, error))
    {
      gint64 position = kith_statement_column_int64 (&select, 0);

      g_array_append_val (positions, position);
    }
  if (kith_statement_failed (&select))
    return FALSE;
  kith_statement_clear (&select);

  for (guint k = 0; k < positions->len; k++)
    {
      g_auto(KithStatement) st = KITH_STATEMENT_INIT;

      if (!kith_statement_prepare (&st, store,
                                   "UPDATE mail_merge_recipients SET send_at = ?1 WHERE merge_id = ?2 AND position = ?3",
                                   error))
        return FALSE;
      kith_statement_bind_int64 (&st, 1, kith_mail_merge_schedule_time (&row->limits, base, k));
      kith_statement_bind_int64 (&st, 2, row->id);
      kith_statement_bind_int64 (&st, 3, g_array_index (positions, gint64, k));
      if (!kith_statement_run (&st, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * kith_merge_compile_locked:
 * @out_values: (out): values with the sender's fields set, ready for a person's
 *
 * Returns: (transfer full) (nullable): the merge's template, compiled; %NULL with @error set
 *   when it is gone or no longer parses
 */
KithCompiledTemplate *
kith_merge_compile_locked (KithStore            *store,
                           KithMergeRow         *row,
                           KithTemplate        **out_template,
                           KithTemplateValues  **out_values,
                           GError              **error)
{
  g_autoptr(KithTemplate) template = kith_store_template_get (store, row->template_id, error);
  KithCompiledTemplate *compiled;

  if (template == NULL)
    return NULL;
  compiled = kith_store_template_compile (store, template, NULL, NULL, error);
  if (compiled == NULL)
    return NULL;

  *out_values = kith_template_values_new (kith_compiled_template_get_fields (compiled));
  kith_template_values_set_sender (*out_values, row->from_name, row->from_address, NULL);
  if (out_template != NULL)
    *out_template = g_steal_pointer (&template);
  return compiled;
}

static gboolean
add_ids (KithStore   *store,
         const char  *sql,
         gint64       id,
         GArray      *ids,
         GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, store, sql, error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  while (kith_statement_step (&st, error))
    {
      gint64 person = kith_statement_column_int64 (&st, 0);

      g_array_append_val (ids, person);
    }

  return !kith_statement_failed (&st);
}

/* A person is themself; a company, the people who work there; a deal, its people */
static gboolean
expand_record (KithStore  *store,
               gint64      id,
               GArray     *ids,
               GError    **error)
{
  return add_ids (store,
                  "SELECT id FROM records WHERE id = ?1 AND kind = 0 "
                  "UNION ALL SELECT id FROM (SELECT id FROM records WHERE company_id = ?1 AND kind = 0 ORDER BY id) "
                  "UNION ALL SELECT * FROM (SELECT m.record_id FROM project_members m JOIN records r ON r.id = m.record_id "
                  "  WHERE m.project_id = ?1 AND m.role = 'participant' AND r.kind = 0 ORDER BY m.record_id)",
                  id, ids, error);
}

/**
 * kith_store_mail_merge_resolve:
 * @record_ids: (array length=n_ids) (nullable): people, companies (their people) and deals
 *   (their people)
 * @query: (nullable): a query of the query language for people, instead of @record_ids; a
 *   saved view's query for the view
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the people, in order, each once;
 *   %NULL with @error set (a bad query)
 */
GArray *
kith_store_mail_merge_resolve (KithStore     *self,
                               const gint64  *record_ids,
                               guint          n_ids,
                               const char    *query,
                               GError       **error)
{
  g_autoptr(GArray) all = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *people = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  if (query != NULL)
    all = kith_store_find (self, KITH_RECORD_PERSON, query, KITH_SORT_NAME, KITH_GROUP_NONE, 0, G_MAXUINT, NULL, error);
  else
    {
      all = g_array_new (FALSE, FALSE, sizeof (gint64));
      kith_store_lock (self);
      for (guint i = 0; i < n_ids && all != NULL; i++)
        if (!expand_record (self, record_ids[i], all, error))
          g_clear_pointer (&all, g_array_unref);
      kith_store_unlock (self);
    }
  if (all == NULL)
    {
      g_array_unref (people);
      return NULL;
    }

  for (guint i = 0; i < all->len; i++)
    if (g_hash_table_add (seen, &g_array_index (all, gint64, i)))
      g_array_append_val (people, g_array_index (all, gint64, i));

  return people;
}

typedef struct {
  KithStore            *store;
  KithMergeRow         *row;
  KithCompiledTemplate *compiled;
  KithTemplateValues   *values;
  GHashTable           *addresses;   /* casefolded, seen so far */
  guint                 position;
} Creation;

static gboolean
do_not_email (KithStore  *store,
              gint64      person_id,
              GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, store, "SELECT do_not_email FROM records WHERE id = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, person_id);
  return kith_statement_get_int64 (&st, error) != 0;
}

/* Why @person_id is left out, with the empty fields named in @detail; NONE when not */
static KithMergeExclusion
check_person (Creation    *c,
              gint64       person_id,
              char       **detail,
              GError     **error)
{
  const char *address = kith_template_values_get (c->values, KITH_TEMPLATE_EMAIL);
  g_autoptr(GString) subject = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();

  if (address == NULL || address[0] == '\0')
    return KITH_MERGE_EXCLUSION_NO_EMAIL;
  if (do_not_email (c->store, person_id, error))
    return KITH_MERGE_EXCLUSION_DO_NOT_EMAIL;
  if (!g_hash_table_add (c->addresses, g_utf8_casefold (address, -1)))
    return KITH_MERGE_EXCLUSION_DUPLICATE;

  kith_compiled_template_render (c->compiled, c->values, subject, body, empty);
  if (empty->len == 0)
    return KITH_MERGE_EXCLUSION_NONE;

  g_ptr_array_add (empty, NULL);
  *detail = g_strjoinv (", ", (char **) empty->pdata);
  return KITH_MERGE_EXCLUSION_EMPTY_FIELD;
}

static gboolean
add_recipient (Creation  *c,
               gint64     person_id,
               GError   **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autofree char *detail = NULL;
  KithMergeExclusion exclusion;
  GError *local_error = NULL;

  if (!kith_store_template_fill_person (c->store, person_id, c->values, error))
    return FALSE;
  exclusion = check_person (c, person_id, &detail, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (!kith_statement_prepare (&st, c->store,
                               "INSERT INTO mail_merge_recipients (merge_id, position, person_id, name, address, "
                               "state, exclusion, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, c->row->id);
  kith_statement_bind_int64 (&st, 2, c->position++);
  kith_statement_bind_int64 (&st, 3, person_id);
  kith_statement_bind_text (&st, 4, kith_template_values_get (c->values, KITH_TEMPLATE_NAME));
  kith_statement_bind_text (&st, 5, kith_template_values_get (c->values, KITH_TEMPLATE_EMAIL));
  kith_statement_bind_text (&st, 6, exclusion == KITH_MERGE_EXCLUSION_NONE ? "pending" : "excluded");
  kith_statement_bind_text (&st, 7, kith_enum_to_nick (KITH_TYPE_MERGE_EXCLUSION, exclusion));
  kith_statement_bind_text (&st, 8, detail);
  return kith_statement_run (&st, error);
}

static gboolean
insert_merge (KithStore     *store,
              KithMergeRow  *row,
              GError       **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gint64 now = kith_store_now (store);

  if (!kith_statement_prepare (&st, store,
                               "INSERT INTO mail_merges (template_id, account, from_address, from_name, daily_cap, "
                               "per_minute, start, created, changed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, row->template_id);
  kith_statement_bind_text (&st, 2, row->account);
  kith_statement_bind_text (&st, 3, row->from_address);
  kith_statement_bind_text (&st, 4, row->from_name);
  kith_statement_bind_int64 (&st, 5, row->limits.daily_cap);
  kith_statement_bind_int64 (&st, 6, row->limits.per_minute);
  kith_statement_bind_int64 (&st, 7, row->limits.start);
  kith_statement_bind_int64 (&st, 8, now);
  if (!kith_statement_run (&st, error))
    return FALSE;

  row->id = kith_statement_last_insert_id (&st);
  return TRUE;
}

static gboolean
create_write (Creation  *c,
              GArray    *person_ids,
              GError   **error)
{
  if (!insert_merge (c->store, c->row, error))
    return FALSE;

  for (guint i = 0; i < person_ids->len; i++)
    if (!add_recipient (c, g_array_index (person_ids, gint64, i), error))
      return FALSE;

  return kith_merge_schedule_locked (c->store, c->row, error);
}

/**
 * kith_store_mail_merge_create:
 * @template_id: the template sent
 * @account: the mail account it is sent from; @from_address and @from_name its identity
 * @person_ids: (element-type gint64): the recipients, from kith_store_mail_merge_resolve()
 * @limits: the account's limits and the start
 *
 * Makes a merge for review (state draft): each person a recipient, in order, excluded when
 * they have no address, do not want email, have an address an earlier one has, or leave a
 * field without fallback empty; each other one given their time to leave.
 *
 * Returns: the merge's id, or 0 with @error set
 */
gint64
kith_store_mail_merge_create (KithStore              *self,
                              gint64                  template_id,
                              const char             *account,
                              const char             *from_address,
                              const char             *from_name,
                              GArray                 *person_ids,
                              const KithMergeLimits  *limits,
                              GError                **error)
{
  KithMergeRow row = { 0, KITH_MERGE_DRAFT, template_id, (char *) account, (char *) from_address,
                       (char *) from_name, *limits };
  g_autoptr(KithCompiledTemplate) compiled = NULL;
  g_autoptr(KithTemplateValues) values = NULL;
  g_autoptr(GHashTable) addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Creation c = { self, &row, NULL, NULL, addresses, 0 };

  g_return_val_if_fail (KITH_IS_STORE (self), 0);
  g_return_val_if_fail (person_ids != NULL, 0);

  if (person_ids->len > MAX_RECIPIENTS)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
                   _("A mail merge goes to at most %u people"), MAX_RECIPIENTS);
      return 0;
    }
  if (row.limits.start == 0)
    row.limits.start = kith_store_now (self);

  if (!kith_store_begin (self, error))
    return 0;
  c.compiled = compiled = kith_merge_compile_locked (self, &row, NULL, &values, error);
  c.values = values;
  if (compiled == NULL || !create_write (&c, person_ids, error))
    {
      kith_store_rollback (self);
      return 0;
    }

  return kith_store_commit (self, error) ? row.id : 0;
}

static KithMergeRecipient *
read_recipient (KithStatement *st,
                const char    *subject,
                const char    *body)
{
  return g_object_new (KITH_TYPE_MERGE_RECIPIENT,
                       "position", (guint) kith_statement_column_int64 (st, 0),
                       "person-id", kith_statement_column_int64 (st, 1),
                       "name", kith_statement_column_text (st, 2),
                       "address", kith_statement_column_text (st, 3),
                       "state", kith_enum_from_nick (KITH_TYPE_MERGE_RECIPIENT_STATE, kith_statement_column_text (st, 4)),
                       "exclusion", kith_enum_from_nick (KITH_TYPE_MERGE_EXCLUSION, kith_statement_column_text (st, 5)),
                       "detail", kith_statement_column_text (st, 6),
                       "send-at", kith_statement_column_int64 (st, 7),
                       "outgoing-id", kith_statement_column_int64 (st, 8),
                       "subject", subject,
                       "body", body,
                       NULL);
}

/* With a preview, the recipient's message as it is merged now */
static KithMergeRecipient *
read_previewed (KithStore             *store,
                KithStatement         *st,
                KithCompiledTemplate  *compiled,
                KithTemplateValues    *values)
{
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  gint64 person_id = kith_statement_column_int64 (st, 1);

  if (compiled != NULL && person_id != 0 && kith_store_template_fill_person (store, person_id, values, NULL))
    kith_compiled_template_render_strings (compiled, values, &subject, &body, NULL);

  return read_recipient (st, subject, body);
}

static GPtrArray *
read_page_locked (KithStore  *store,
                  gint64      merge_id,
                  guint       offset,
                  guint       limit,
                  gboolean    preview,
                  GError    **error)
{
  g_auto(KithMergeRow) row = { 0 };
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(KithCompiledTemplate) compiled = NULL;
  g_autoptr(KithTemplateValues) values = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);

  if (!kith_merge_read_locked (store, merge_id, &row, error))
    return NULL;
  if (preview && (compiled = kith_merge_compile_locked (store, &row, NULL, &values, error)) == NULL)
    return NULL;

  if (!kith_statement_prepare (&st, store,
                               "SELECT position, ifnull (person_id, 0), name, address, state, exclusion, detail, "
                               "send_at, ifnull (outgoing_id, 0) FROM mail_merge_recipients WHERE merge_id = ?1 "
                               "ORDER BY position LIMIT ?2 OFFSET ?3", error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, merge_id);
  kith_statement_bind_int64 (&st, 2, limit == G_MAXUINT ? -1 : (gint64) limit);
  kith_statement_bind_int64 (&st, 3, offset);
  while (kith_statement_step (&st, error))
    g_ptr_array_add (page, read_previewed (store, &st, compiled, values));

  return kith_statement_failed (&st) ? NULL : g_steal_pointer (&page);
}

/**
 * kith_store_mail_merge_recipients:
 * @offset: the first recipient's position
 * @limit: at most this many; %G_MAXUINT for all
 * @preview: whether to merge each one's subject and body (a review's page)
 *
 * Returns: (transfer full) (element-type KithMergeRecipient) (nullable): a page of the
 *   recipients in order, or %NULL with @error set
 */
GPtrArray *
kith_store_mail_merge_recipients (KithStore  *self,
                                  gint64      merge_id,
                                  guint       offset,
                                  guint       limit,
                                  gboolean    preview,
                                  GError    **error)
{
  GPtrArray *page;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  page = read_page_locked (self, merge_id, offset, limit, preview, error);
  kith_store_unlock (self);

  return page;
}

static gboolean
set_excluded_write (KithStore     *store,
                    KithMergeRow  *row,
                    guint          position,
                    gboolean       excluded,
                    GError       **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (row->state != KITH_MERGE_DRAFT && row->state != KITH_MERGE_PAUSED)
    {
      g_set_error_literal (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                           _("Pause the mail merge to change who it goes to"));
      return FALSE;
    }

  /* Anyone may be left out; taken back in only when they have an address to send to */
  if (!kith_statement_prepare (&st, store,
                               "UPDATE mail_merge_recipients SET state = ?1, exclusion = ?2, detail = NULL "
                               "WHERE merge_id = ?3 AND position = ?4 AND "
                               "(?2 = 'by-hand' AND state = 'pending' OR "
                               " ?2 = 'none' AND state = 'excluded' AND exclusion <> 'no-email')", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, excluded ? "excluded" : "pending");
  kith_statement_bind_text (&st, 2, excluded ? "by-hand" : "none");
  kith_statement_bind_int64 (&st, 3, row->id);
  kith_statement_bind_int64 (&st, 4, position);
  if (!kith_statement_run (&st, error))
    return FALSE;
  if (kith_statement_changes (&st) == 0)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                   excluded ? _("Recipient %u is not waiting to be sent") : _("Recipient %u cannot be included"),
                   position);
      return FALSE;
    }

  return kith_merge_schedule_locked (store, row, error);
}

/**
 * kith_store_mail_merge_set_excluded:
 * @position: the recipient
 * @excluded: %TRUE to leave them out by hand, %FALSE to take them back in
 *
 * Only while the merge is under review or paused; the pending recipients' times are worked
 * out again. A recipient without an address cannot be taken in.
 */
gboolean
kith_store_mail_merge_set_excluded (KithStore  *self,
                                    gint64      merge_id,
                                    guint       position,
                                    gboolean    excluded,
                                    GError    **error)
{
  g_auto(KithMergeRow) row = { 0 };

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if (!kith_store_begin (self, error))
    return FALSE;
  if (!kith_merge_read_locked (self, merge_id, &row, error) ||
      !set_excluded_write (self, &row, position, excluded, error))
    {
      kith_store_rollback (self);
      return FALSE;
    }

  return kith_store_commit (self, error);
}

static gboolean
count_locked (KithStore         *store,
              gint64             merge_id,
              KithMergeSummary  *summary,
              GError           **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, store,
                               "SELECT state, exclusion, count(*), max (CASE WHEN state IN ('pending','queued') "
                               "THEN send_at END) FROM mail_merge_recipients WHERE merge_id = ? GROUP BY state, exclusion",
                               error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, merge_id);
  while (kith_statement_step (&st, error))
    {
      KithMergeRecipientState state = kith_enum_from_nick (KITH_TYPE_MERGE_RECIPIENT_STATE,
                                                           kith_statement_column_text (&st, 0));
      KithMergeExclusion exclusion = kith_enum_from_nick (KITH_TYPE_MERGE_EXCLUSION,
                                                          kith_statement_column_text (&st, 1));
      guint n = kith_statement_column_int64 (&st, 2);

      summary->total += n;
      summary->by_state[state] += n;
      if (state == KITH_MERGE_RECIPIENT_EXCLUDED)
        summary->by_exclusion[exclusion] += n;
      summary->finish = MAX (summary->finish, kith_statement_column_int64 (&st, 3));
    }

  return !kith_statement_failed (&st);
}

/**
 * kith_store_mail_merge_get_summary:
 *
 * The merge's state, its recipients counted by state and by reason of exclusion, and when the
 * last one still to send is due (0 when none is).
 */
gboolean
kith_store_mail_merge_get_summary (KithStore         *self,
                                   gint64             merge_id,
                                   KithMergeSummary  *summary,
                                   GError           **error)
{
  g_auto(KithMergeRow) row = { 0 };
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  memset (summary, 0, sizeof *summary);
  kith_store_lock (self);
  ok = kith_merge_read_locked (self, merge_id, &row, error) && count_locked (self, merge_id, summary, error);
  kith_store_unlock (self);
  summary->state = row.state;
  summary->template_id = row.template_id;
  summary->limits = row.limits;

  return ok;
}

static gboolean
delete_write (KithStore  *store,
              gpointer    data,
              GError    **error)
{
  g_auto(KithMergeRow) row = { 0 };
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gint64 merge_id = *(gint64 *) data;

  if (!kith_merge_read_locked (store, merge_id, &row, error))
    return FALSE;
  if (row.state != KITH_MERGE_DRAFT)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                   _("Mail merge #%" G_GINT64_FORMAT " has started: cancel it instead"), merge_id);
      return FALSE;
    }

  if (!kith_statement_prepare (&st, store, "DELETE FROM mail_merges WHERE id = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, merge_id);
  return kith_statement_run (&st, error);
}

/**
 * kith_store_mail_merge_delete:
 *
 * Forgets a merge under review (a review closed without sending, a dry run); one that has
 * started is a CONFLICT error: cancel it.
 */
gboolean
kith_store_mail_merge_delete (KithStore  *self,
                              gint64      merge_id,
                              GError    **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  return kith_outbox_write (self, delete_write, &merge_id, error);
}

static gboolean
set_limits_write (KithStore              *store,
                  KithMergeRow           *row,
                  const KithMergeLimits  *limits,
                  GError                **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (row->state != KITH_MERGE_DRAFT && row->state != KITH_MERGE_PAUSED)
    {
      g_set_error_literal (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                           _("Pause the mail merge to change its limits"));
      return FALSE;
    }

  row->limits = *limits;
  if (row->limits.start == 0)
    row->limits.start = kith_store_now (store);
  if (!kith_statement_prepare (&st, store,
                               "UPDATE mail_merges SET daily_cap = ?1, per_minute = ?2, start = ?3, changed = ?4 "
                               "WHERE id = ?5", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, row->limits.daily_cap);
  kith_statement_bind_int64 (&st, 2, row->limits.per_minute);
  kith_statement_bind_int64 (&st, 3, row->limits.start);
  kith_statement_bind_int64 (&st, 4, kith_store_now (store));
  kith_statement_bind_int64 (&st, 5, row->id);
  if (!kith_statement_run (&st, error))
    return FALSE;

  return kith_merge_schedule_locked (store, row, error);
}

/**
 * kith_store_mail_merge_set_limits:
 * @limits: the new daily cap, rate and start (0: now)
 *
 * Only while the merge is under review or paused; the pending recipients' times are worked
 * out again, so the summary says when it now finishes.
 */
gboolean
kith_store_mail_merge_set_limits (KithStore              *self,
                                  gint64                  merge_id,
                                  const KithMergeLimits  *limits,
                                  GError                **error)
{
  g_auto(KithMergeRow) row = { 0 };

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (limits != NULL, FALSE);

  if (!kith_store_begin (self, error))
    return FALSE;
  if (!kith_merge_read_locked (self, merge_id, &row, error) ||
      !set_limits_write (self, &row, limits, error))
    {
      kith_store_rollback (self);
      return FALSE;
    }

  return kith_store_commit (self, error);
}

/**
 * kith_store_mail_merge_empty_fields:
 *
 * The merge fields left out recipients for being empty (exclusion empty-field), each once, in
 * order of name: what the review names next to their count.
 *
 * Returns: (transfer full) (nullable): the fields, or %NULL with @error set
 */
GStrv
kith_store_mail_merge_empty_fields (KithStore  *self,
                                    gint64      merge_id,
                                    GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GTree) fields = g_tree_new_full ((GCompareDataFunc) g_strcmp0, NULL, g_free, NULL);
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  ok = kith_statement_prepare (&st, self,
                               "SELECT DISTINCT detail FROM mail_merge_recipients WHERE merge_id = ? AND "
                               "state = 'excluded' AND exclusion = 'empty-field' AND detail IS NOT NULL", error);
  if (ok)
    {
      kith_statement_bind_int64 (&st, 1, merge_id);
      while (kith_statement_step (&st, error))
        {
          g_auto(GStrv) names = g_strsplit (kith_statement_column_text (&st, 0), ", ", -1);

          for (guint i = 0; names[i] != NULL; i++)
            g_tree_replace (fields, g_strdup (names[i]), NULL);
        }
      ok = !kith_statement_failed (&st);
    }
  kith_statement_clear (&st);
  kith_store_unlock (self);
  if (!ok)
    return NULL;

  for (GTreeNode *node = g_tree_node_first (fields); node != NULL; node = g_tree_node_next (node))
    g_strv_builder_add (builder, g_tree_node_key (node));
  return g_strv_builder_end (builder);
}
