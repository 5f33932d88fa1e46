/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-record-reader.h"
#include "kith-record-input.h"
#include "kith-record-private.h"
#include "kith-records-private.h"
#include "kith-statement.h"

/* A record read back whole from its rows, as a typed KithPerson, KithCompany or KithDeal */

#define RECORD_SQL \
  "SELECT r.kind, r.sync_key, r.name, r.first, r.last, r.headline, r.description, " \
  "  r.picture, r.private, r.segment, r.stage, r.step, r.notes, r.role, " \
  "  r.department, r.lead_source, r.birthday, c.name, r.assignee, r.start_date, " \
  "  r.end_date, r.value, r.currency, r.project_type, r.forecast, r.cadence_days, " \
  "  r.created, r.changed, r.last_contact, r.company_id, c.sync_key, r.step_since, " \
  "  r.do_not_email " \
  "FROM records r LEFT JOIN records c ON c.id = r.company_id WHERE r.id = ?"

/* The fields of RECORD_SQL's columns; a NULL column leaves its field unset. The description
 * column is a deal's summary. */
static const struct {
  KithField field;
  int       column;
} record_columns[] = {
  { KITH_FIELD_SYNC_KEY, 1 },
  { KITH_FIELD_NAME, 2 },
  { KITH_FIELD_FIRST, 3 },
  { KITH_FIELD_LAST, 4 },
  { KITH_FIELD_HEADLINE, 5 },
  { KITH_FIELD_DESCRIPTION, 6 },
  { KITH_FIELD_SUMMARY, 6 },
  { KITH_FIELD_PICTURE, 7 },
  { KITH_FIELD_PRIVATE, 8 },
  { KITH_FIELD_SEGMENT, 9 },
  { KITH_FIELD_STAGE, 10 },
  { KITH_FIELD_STEP, 11 },
  { KITH_FIELD_NOTES, 12 },
  { KITH_FIELD_ROLE, 13 },
  { KITH_FIELD_DEPARTMENT, 14 },
  { KITH_FIELD_LEAD_SOURCE, 15 },
  { KITH_FIELD_BIRTHDAY, 16 },
  { KITH_FIELD_COMPANY, 17 },
  { KITH_FIELD_ASSIGNEE, 18 },
  { KITH_FIELD_START, 19 },
  { KITH_FIELD_END, 20 },
  { KITH_FIELD_VALUE, 21 },
  { KITH_FIELD_CURRENCY, 22 },
  { KITH_FIELD_TYPE, 23 },
  { KITH_FIELD_FORECAST, 24 },
  { KITH_FIELD_CADENCE, 25 },
  { KITH_FIELD_FIRST_SEEN, 26 },
  { KITH_FIELD_LAST_CHANGED, 27 },
  { KITH_FIELD_LAST_CONTACT, 28 },
  { KITH_FIELD_COMPANY_ID, 29 },
  { KITH_FIELD_COMPANY_SYNC_KEY, 30 },
  { KITH_FIELD_STEP_SINCE, 31 },
  { KITH_FIELD_DO_NOT_EMAIL, 32 },
};

static void
read_column (KithRecordValues *values,
             KithField         field,
             KithStatement    *st,
             int               column)
{
  KithValue value = { .set = TRUE };

  if (kith_statement_column_is_null (st, column))
    return;

  switch (kith_field_info (field)->type)
    {
    case KITH_VALUE_TEXT:
      value.text = (char *) kith_statement_column_text (st, column);
      break;
    case KITH_VALUE_INT:
      value.num = kith_statement_column_int64 (st, column);
      break;
    case KITH_VALUE_DOUBLE:
      value.real = kith_statement_column_double (st, column);
      break;
    case KITH_VALUE_FLAG:
      /* Only a private record says so */
      if (kith_statement_column_int64 (st, column) == 0)
        return;
      value.flag = TRUE;
      break;
    default:
      g_assert_not_reached ();
    }

  /* A copy: the text is the statement's */
  kith_record_values_assign (values, field, &value);
}

/* The record's own columns into @values; %FALSE with @error set when it is not there */
static gboolean
read_columns (KithStore         *self,
              gint64             id,
              KithRecordValues  *values,
              KithRecordKind    *out_kind,
              GError           **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  KithRecordKind kind;
  gboolean has_company;

  if (!kith_statement_prepare (&st, self, RECORD_SQL, error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);
  if (!kith_statement_step (&st, NULL))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no record #%" G_GINT64_FORMAT), id);
      return FALSE;
    }

  kind = *out_kind = (KithRecordKind) kith_statement_column_int64 (&st, 0);
  has_company = !kith_statement_column_is_null (&st, 29);
  kith_record_values_assign (values, KITH_FIELD_ID, &(KithValue) { .set = TRUE, .num = id });
  for (guint i = 0; i < G_N_ELEMENTS (record_columns); i++)
    {
      KithField field = record_columns[i].field;

      /* The company's name, id and sync key go together */
      if (!kith_field_applies_to (field, kind) ||
          (!has_company && (field == KITH_FIELD_COMPANY || field == KITH_FIELD_COMPANY_SYNC_KEY)))
        continue;
      read_column (values, field, &st, record_columns[i].column);
    }

  return TRUE;
}

typedef gpointer (*ReadRowFunc) (KithStatement *st);

/* Every row @st finds for record @id (its first parameter), made an item of @list by @read_row */
static void
read_rows (KithStatement *st,
           gint64         id,
           GPtrArray     *list,
           ReadRowFunc    read_row)
{
  kith_statement_bind_int64 (st, 1, id);
  while (kith_statement_step (st, NULL))
    g_ptr_array_add (list, read_row (st));
}

static void
read_list (KithStore        *self,
           const char       *sql,
           gint64            id,
           KithRecordValues *values,
           KithField         field,
           ReadRowFunc       read_row)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GPtrArray *list = kith_record_values_list (values, field);

  if (kith_statement_prepare (&st, self, sql, NULL))
    read_rows (&st, id, list, read_row);
}

static gpointer
read_text (KithStatement *st)
{
  return kith_statement_dup_text (st, 0);
}

static gpointer
read_channel (KithStatement *st)
{
  return kith_record_channel_new (kith_statement_column_text (st, 0), kith_statement_column_text (st, 1),
                                  kith_statement_column_int64 (st, 2) != 0);
}

/* The values of the channels of @type: emails, phones, domains, handles */
static GPtrArray *
read_channels (KithStore   *self,
               gint64       id,
               const char  *type,
               ReadRowFunc  read_row,
               GPtrArray   *list)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (kith_records_prepare_typed (&st, self, "SELECT value, label, preferred FROM channels "
                                              "WHERE record_id = ? AND type = '%s' "
                                              "ORDER BY position, id", type, NULL))
    read_rows (&st, id, list, read_row);
  return list;
}

static char **
read_texts (KithStore  *self,
            gint64      id,
            const char *type)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  read_channels (self, id, type, read_text, texts);
  g_ptr_array_add (texts, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&texts), FALSE);
}

static void
read_all_channels (KithStore        *self,
                   KithRecordValues *values,
                   gint64            id,
                   KithRecordKind    kind)
{
  static const struct { KithField field; const char *type; } lists[] = {
    { KITH_FIELD_EMAILS, "email" }, { KITH_FIELD_PHONES, "phone" }, { KITH_FIELD_FAXES, "fax" },
    { KITH_FIELD_URLS, "url" },
  };
  static const struct { KithField field; const char *type; } handles[] = {
    { KITH_FIELD_TWITTER, "twitter" }, { KITH_FIELD_FACEBOOK, "facebook" }, { KITH_FIELD_LINKEDIN, "linkedin" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (kith_field_applies_to (lists[i].field, kind))
      read_channels (self, id, lists[i].type, read_channel, kith_record_values_list (values, lists[i].field));
  if (kith_field_applies_to (KITH_FIELD_DOMAINS, kind))
    kith_record_values_take_strv (values, KITH_FIELD_DOMAINS, read_texts (self, id, "domain"));

  /* One handle each */
  for (guint i = 0; i < G_N_ELEMENTS (handles); i++)
    {
      g_auto(GStrv) texts = read_texts (self, id, handles[i].type);

      kith_record_values_set_text (values, handles[i].field, texts[0]);
    }
}

static gpointer
read_address (KithStatement *st)
{
  KithRecordAddress *a = g_new0 (KithRecordAddress, 1);

  a->street = kith_statement_dup_text (st, 0);
  a->city = kith_statement_dup_text (st, 1);
  a->state = kith_statement_dup_text (st, 2);
  a->country = kith_statement_dup_text (st, 3);
  a->postal = kith_statement_dup_text (st, 4);
  a->label = kith_statement_dup_text (st, 5);
  a->has_position = !kith_statement_column_is_null (st, 6);
  if (a->has_position)
    {
      a->lat = kith_statement_column_double (st, 6);
      a->lng = kith_statement_column_double (st, 7);
    }
  return a;
}

static gpointer
read_app_link (KithStatement *st)
{
  KithRecordAppLink *link = g_new0 (KithRecordAppLink, 1);

  link->source = kith_statement_dup_text (st, 0);
  link->uniqueid = kith_statement_dup_text (st, 1);
  link->label = kith_statement_dup_text (st, 2);
  link->url = kith_statement_dup_text (st, 3);
  return link;
}

static void
custom_add_value (KithRecordCustom *custom,
                  char             *value)
{
  guint n = g_strv_length (custom->values);

  custom->values = g_renew (char *, custom->values, n + 2);
  custom->values[n] = value;
  custom->values[n + 1] = NULL;
}

/* Values of a multipick field come as one row each, and show as one value */
static void
read_custom_values (KithStore        *self,
                    gint64            id,
                    KithRecordValues *values)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GPtrArray *list = kith_record_values_list (values, KITH_FIELD_CUSTOM_FIELDS);
  KithRecordCustom *last = NULL;

  if (!kith_statement_prepare (&st, self, "SELECT f.key, f.type, v.value, f.name FROM custom_values v "
                                          "JOIN custom_fields f ON f.id = v.field_id "
                                          "WHERE v.record_id = ? ORDER BY f.position, f.id, v.rowid", NULL))
    return;
  kith_statement_bind_int64 (&st, 1, id);
  while (kith_statement_step (&st, NULL))
    {
      const char *key = kith_statement_column_text (&st, 0);
      const char *type = kith_statement_column_text (&st, 1);
      gboolean multi = strcmp (type, "multipick") == 0;

      if (!multi || last == NULL || g_strcmp0 (last->key, key) != 0)
        {
          last = kith_record_custom_new (key, type, kith_statement_column_text (&st, 3), multi);
          g_ptr_array_add (list, last);
        }
      custom_add_value (last, kith_statement_dup_text (&st, 2));
    }
}

static gpointer
read_occasion (KithStatement *st)
{
  KithRecordOccasion *o = g_new0 (KithRecordOccasion, 1);

  o->label = kith_statement_dup_text (st, 0);
  o->date = kith_statement_dup_text (st, 1);
  return o;
}

static gpointer
read_member (KithStatement *st)
{
  KithRecordMember *m = g_new0 (KithRecordMember, 1);

  m->sync_key = kith_statement_dup_text (st, 0);
  m->name = kith_statement_dup_text (st, 1);
  m->kind = (KithRecordKind) kith_statement_column_int64 (st, 2);
  m->id = kith_statement_column_int64 (st, 3);
  return m;
}

/* A deal's participants or team (@role) */
static void
read_members (KithStore        *self,
              gint64            id,
              const char       *role,
              KithRecordValues *values,
              KithField         field)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT r.sync_key, r.name, r.kind, r.id "
                                          "FROM project_members m JOIN records r ON r.id = m.record_id "
                                          "WHERE m.project_id = ? AND m.role = ? ORDER BY r.sort_name",
                               NULL))
    return;
  kith_statement_bind_text (&st, 2, role);
  read_rows (&st, id, kith_record_values_list (values, field), read_member);
}

/* Tags sorted as people read them */
static void
read_keywords (KithStore        *self,
               gint64            id,
               KithRecordValues *values)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);

  if (kith_statement_prepare (&st, self, "SELECT t.name FROM record_tags rt "
                                         "JOIN tags t ON t.id = rt.tag_id WHERE rt.record_id = ? "
                                         "ORDER BY t.name COLLATE NOCASE", NULL))
    read_rows (&st, id, tags, read_text);
  g_ptr_array_add (tags, NULL);
  kith_record_values_take_strv (values, KITH_FIELD_KEYWORDS, (char **) g_ptr_array_free (g_steal_pointer (&tags), FALSE));
}

static void
read_lists (KithStore        *self,
            KithRecordValues *values,
            gint64            id,
            KithRecordKind    kind)
{
  read_all_channels (self, values, id, kind);
  read_list (self, "SELECT street, city, region, country, postal_code, label, latitude, longitude "
                   "FROM addresses WHERE record_id = ? ORDER BY position, id",
             id, values, kind != KITH_RECORD_PROJECT ? KITH_FIELD_ADDRESSES : KITH_FIELD_ADDRESS, read_address);
  read_list (self, "SELECT app_id, unique_id, app_name, url FROM app_links WHERE record_id = ? ORDER BY id",
             id, values, KITH_FIELD_APP_LINKS, read_app_link);
  read_keywords (self, id, values);
  read_custom_values (self, id, values);
  if (kind == KITH_RECORD_PERSON)
    read_list (self, "SELECT label, date FROM occasions WHERE record_id = ? ORDER BY id",
               id, values, KITH_FIELD_ANNIVERSARIES, read_occasion);
  if (kind == KITH_RECORD_PROJECT)
    {
      read_members (self, id, "participant", values, KITH_FIELD_PARTICIPANTS);
      read_members (self, id, "team", values, KITH_FIELD_DEAL_TEAM);
    }
}

/**
 * kith_store_read_record:
 *
 * Returns: (transfer full) (nullable): the whole record as a #KithPerson, #KithCompany or
 *   #KithDeal, or %NULL with %KITH_STORE_ERROR_NOT_FOUND
 */
KithRecord *
kith_store_read_record (KithStore  *self,
                        gint64      id,
                        GError    **error)
{
  KithRecordKind kind = KITH_RECORD_PERSON;
  KithRecordValues *values;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  values = kith_store_read_record_values (self, id, &kind, error);

  return values != NULL ? kith_record_new_from_values (kind, values) : NULL;
}

/**
 * kith_store_read_record_values:
 * @out_kind: (out) (optional): the record's kind
 *
 * As kith_store_read_record (), for a caller that compares or copies fields rather than shows
 * them (an address book's sync).
 *
 * Returns: (transfer full) (nullable): the record's values, or %NULL with
 *   %KITH_STORE_ERROR_NOT_FOUND
 */
KithRecordValues *
kith_store_read_record_values (KithStore       *self,
                               gint64           id,
                               KithRecordKind  *out_kind,
                               GError         **error)
{
  g_autoptr(KithRecordValues) values = kith_record_values_new ();
  KithRecordKind kind = KITH_RECORD_PERSON;
  gboolean found;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  found = kith_store_flush_pending (self, error) && read_columns (self, id, values, &kind, error);
  if (found)
    read_lists (self, values, id, kind);
  kith_store_unlock (self);

  if (out_kind != NULL)
    *out_kind = kind;
  return found ? g_steal_pointer (&values) : NULL;
}

static GArray *
read_ids (KithStore   *self,
          const char  *ids_sql,
          gint64       id,
          GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!kith_statement_prepare (&st, self, ids_sql, error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, id);
  while (kith_statement_step (&st, error))
    {
      gint64 found = kith_statement_column_int64 (&st, 0);

      g_array_append_val (ids, found);
    }
  if (kith_statement_failed (&st))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * kith_store_read_records_of:
 * @type: the type of the records, for the list model
 * @ids_sql: a query of record ids in the order to list them, with @id as its one parameter
 * @id: the record they belong to (a company's people, a person's deals)
 *
 * Reads the records @ids_sql finds, each in full. One deleted between the query and its reading
 * is left out: it no longer belongs.
 *
 * Returns: (transfer full): a list model of @type, or %NULL with @error set
 */
GListModel *
kith_store_read_records_of (KithStore   *self,
                            GType        type,
                            const char  *ids_sql,
                            gint64       id,
                            GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GListStore) records = g_list_store_new (type);

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  ids = kith_store_flush_pending (self, error) ? read_ids (self, ids_sql, id, error) : NULL;
  kith_store_unlock (self);
  if (ids == NULL)
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) gone = NULL;
      g_autoptr(KithRecord) record = kith_store_read_record (self, g_array_index (ids, gint64, i), &gone);

      if (record != NULL)
        g_list_store_append (records, record);
    }

  return G_LIST_MODEL (g_steal_pointer (&records));
}
