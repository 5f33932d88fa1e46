/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kith-record-identity.h"
#include "kith-record-input.h"
#include "kith-records-private.h"
#include "kith-synckey.h"

/*
 * Which record an identifier or a sync key names: emails, domains and app links on their own,
 * phone numbers and handles together with a name.
 */

/* A phone number or a social handle identifies someone only together with their name: a couple
 * shares a home phone, an assistant answers for several people. Emails, company domains and app
 * links identify a record on their own. */
gboolean
kith_records_key_needs_name (const char *type)
{
  return strcmp (type, "phone") == 0 || strcmp (type, "twitter") == 0 ||
         strcmp (type, "facebook") == 0 || strcmp (type, "linkedin") == 0;
}

/* The owners of a phone number or handle: how many, the first, and the first called @sort_name */
static guint
find_owners (KithStore  *self,
             const char *type,
             const char *key,
             const char *sort_name,
             gint64     *out_first,
             gint64     *out_named)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  guint n = 0;

  *out_first = *out_named = 0;
  if (!kith_records_prepare_typed (&st, self, "SELECT c.record_id, r.sort_name FROM channels c "
                                               "JOIN records r ON r.id = c.record_id "
                                               "WHERE c.type = '%s' AND c.key = ? ORDER BY c.record_id",
                                   type, NULL))
    return 0;
  kith_statement_bind_text (&st, 1, key);
  while (kith_statement_step (&st, NULL))
    {
      gint64 id = kith_statement_column_int64 (&st, 0);

      if (n++ == 0)
        *out_first = id;
      if (*out_named == 0 && sort_name != NULL &&
          g_strcmp0 (kith_statement_column_text (&st, 1), sort_name) == 0)
        *out_named = id;
    }

  return n;
}

/**
 * kith_records_find_by_key_and_name:
 * @name: (nullable): the name that goes with the key, if known
 *
 * The record @key names, where who said it (a caller, a sender) also gave a name: a phone
 * number or handle on one record names it; on several, it names the one called @name (ignoring
 * case and accents), if any.
 *
 * Returns: the record's id, or 0
 */
gint64
kith_records_find_by_key_and_name (KithStore  *self,
                                   const char *type,
                                   const char *key,
                                   const char *name)
{
  g_autofree char *sort_name = NULL;
  gint64 first, named;

  if (!kith_records_key_needs_name (type))
    return kith_records_find_by_key (self, type, key);

  sort_name = name != NULL ? kith_records_sort_name (name) : NULL;
  if (find_owners (self, type, key, sort_name, &first, &named) == 1)
    return first;

  return named;
}

static KithRecordKind read_kind (KithStore *self, gint64 id);

/* An app link's key is "appid:uniqueid" */
static gint64
find_by_app_link (KithStore  *self,
                  const char *key)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  const char *colon = strchr (key, ':');
  g_autofree char *app_id = NULL;

  if (colon == NULL ||
      !kith_statement_prepare (&st, self, "SELECT record_id FROM app_links "
                                          "WHERE app_id = ? AND unique_id = ?", NULL))
    return 0;
  app_id = g_strndup (key, colon - key);
  kith_statement_bind_text (&st, 1, app_id);
  kith_statement_bind_text (&st, 2, colon + 1);

  return kith_statement_get_int64 (&st, NULL);
}

static gint64
find_by_sync_key (KithStore  *self,
                  const char *key)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT id FROM records WHERE sync_key = ?", NULL))
    return 0;
  kith_statement_bind_text (&st, 1, key);

  return kith_statement_get_int64 (&st, NULL);
}

/* An email or a domain */
static gint64
find_by_channel (KithStore  *self,
                 const char *type,
                 const char *key)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_records_prepare_typed (&st, self, "SELECT record_id FROM channels "
                                               "WHERE type = '%s' AND key = ?", type, NULL))
    return 0;
  kith_statement_bind_text (&st, 1, key);

  return kith_statement_get_int64 (&st, NULL);
}

/* The record sync key @key of @type (as kith_records_key_for_identifier() names it) names, or 0 */
gint64
kith_records_find_by_key (KithStore  *self,
                          const char *type,
                          const char *key)
{
  gint64 first, named;

  if (strcmp (type, "applink") == 0)
    return find_by_app_link (self, key);
  if (strcmp (type, "synckey") == 0)
    return find_by_sync_key (self, key);
  if (!kith_records_key_needs_name (type))
    return find_by_channel (self, type, key);

  /* Without a name, only a key nobody else has names someone */
  return find_owners (self, type, key, NULL, &first, &named) == 1 ? first : 0;
}

/* The name of record @id in @out, or "?" */
const char *
kith_records_name_of (KithStore  *self,
                      gint64      id,
                      char      **out)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  *out = NULL;
  if (kith_statement_prepare (&st, self, "SELECT name FROM records WHERE id = ?", NULL))
    {
      kith_statement_bind_int64 (&st, 1, id);
      *out = kith_statement_dup_string (&st, NULL);
    }

  return *out ? *out : "?";
}

/* A company of @sort_name with neither email, domain nor app link: one Kith made from a
 * person's company name, which the company's own card or row, coming after, completes */
static gint64
find_keyless_company (KithStore  *self,
                      const char *sort_name)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT id FROM records r WHERE kind = 1 AND sort_name = ? "
                                          "AND NOT EXISTS (SELECT 1 FROM channels c WHERE c.record_id = r.id "
                                          "                AND c.type IN ('email', 'domain')) "
                                          "AND NOT EXISTS (SELECT 1 FROM app_links a WHERE a.record_id = r.id) "
                                          "ORDER BY id LIMIT 1", NULL))
    return 0;
  kith_statement_bind_text (&st, 1, sort_name);

  return kith_statement_get_int64 (&st, NULL);
}

static gboolean
has_company_key (KithRecordInput *in)
{
  GPtrArray *emails = in->channels[kith_channel_type_index ("email")];
  GPtrArray *domains = in->channels[kith_channel_type_index ("domain")];

  return (emails != NULL && emails->len > 0) || (domains != NULL && domains->len > 0);
}

/* The first existing record of the same kind that shares a sync key with @in: its own sync key
 * from another Kith, an email, domain or app link, or a phone number or handle together with
 * the same name; for a company with an email or domain, else one of its name that has none. */
gint64
kith_records_match_existing (KithStore       *self,
                             KithRecordInput *in)
{
  g_autofree char *sort_name = in->name != NULL ? kith_records_sort_name (in->name) : NULL;

  if (in->sync_key != NULL)
    {
      gint64 id = find_by_sync_key (self, in->sync_key);

      if (id != 0 && kith_store_get_record_kind (self, id) == in->kind)
        return id;
    }

  for (guint t = 0; t < KITH_N_CHANNEL_TYPES; t++)
    for (guint i = 0; in->channels[t] != NULL && i < in->channels[t]->len; i++)
      {
        KithChannel *c = g_ptr_array_index (in->channels[t], i);
        gint64 id, first;

        if (c->key == NULL)
          continue;
        if (!kith_records_key_needs_name (c->type))
          id = kith_records_find_by_key (self, c->type, c->key);
        else if (sort_name == NULL)
          continue;
        else
          find_owners (self, c->type, c->key, sort_name, &first, &id);
        if (id != 0 && kith_store_get_record_kind (self, id) == in->kind)
          return id;
      }

  for (guint i = 0; in->app_links != NULL && i < in->app_links->len; i++)
    {
      KithAppLink *l = g_ptr_array_index (in->app_links, i);
      g_autofree char *key = g_strconcat (l->app_id, ":", l->unique_id, NULL);
      gint64 id = kith_records_find_by_key (self, "applink", key);

      if (id != 0 && kith_store_get_record_kind (self, id) == in->kind)
        return id;
    }

  if (in->kind == KITH_RECORD_COMPANY && sort_name != NULL && has_company_key (in))
    return find_keyless_company (self, sort_name);

  return 0;
}

/* Sync keys that belong to another record: an update may not take them. */
gboolean
kith_records_check_conflicts (KithStore        *self,
                              KithRecordInput  *in,
                              gint64            id,
                              GError          **error)
{
  for (guint t = 0; t < KITH_N_CHANNEL_TYPES; t++)
    for (guint i = 0; in->channels[t] != NULL && i < in->channels[t]->len; i++)
      {
        KithChannel *c = g_ptr_array_index (in->channels[t], i);
        gint64 owner;

        /* Phones and handles may be shared (a home phone) */
        if (c->key == NULL || kith_records_key_needs_name (c->type))
          continue;
        owner = kith_records_find_by_key (self, c->type, c->key);
        if (owner != 0 && owner != id)
          {
            g_autofree char *name = NULL;

            g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                         _("“%s” already belongs to %s"), c->value, kith_records_name_of (self, owner, &name));
            return FALSE;
          }
      }

  for (guint i = 0; in->app_links != NULL && i < in->app_links->len; i++)
    {
      KithAppLink *l = g_ptr_array_index (in->app_links, i);
      g_autofree char *key = g_strconcat (l->app_id, ":", l->unique_id, NULL);
      gint64 owner = kith_records_find_by_key (self, "applink", key);

      if (owner != 0 && owner != id)
        {
          g_autofree char *name = NULL;

          g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                       _("The app link %s already belongs to %s"), key, kith_records_name_of (self, owner, &name));
          return FALSE;
        }
    }

  return TRUE;
}

/* A key of @in that names one record on its own (an email, a domain, an app link), and the
 * record of @in's kind it names, or 0: @i counts through them, from 0 */
static gint64
nth_owner (KithStore        *self,
           KithRecordInput  *in,
           guint             i,
           char            **out_key)
{
  static const char *const types[] = { "email", "domain" };
  gint64 owner;

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      GPtrArray *list = in->channels[kith_channel_type_index (types[t])];

      if (list != NULL && i < list->len)
        {
          KithChannel *c = g_ptr_array_index (list, i);

          if (c->key == NULL)
            return 0;
          *out_key = g_strdup (c->value);
          owner = kith_records_find_by_key (self, types[t], c->key);
          return owner != 0 && read_kind (self, owner) == in->kind ? owner : 0;
        }
      i -= list != NULL ? list->len : 0;
    }

  if (in->app_links != NULL && i < in->app_links->len)
    {
      KithAppLink *l = g_ptr_array_index (in->app_links, i);

      *out_key = g_strconcat (l->app_id, ":", l->unique_id, NULL);
      owner = kith_records_find_by_key (self, "applink", *out_key);
      return owner != 0 && read_kind (self, owner) == in->kind ? owner : 0;
    }

  return -1;
}

/**
 * kith_records_check_one_record:
 *
 * A row of a file whose keys that name a record on their own (emails, domains, app links)
 * name two records of its kind is refused, rather than added to the first with the other's
 * key left out: the user sees it. The keys are those of @in, normalized already, so that
 * nothing is looked up that the writer does not look up anyway.
 *
 * Returns: %FALSE with @error set, naming both keys and records
 */
gboolean
kith_records_check_one_record (KithStore        *self,
                               KithRecordInput  *in,
                               GError          **error)
{
  g_autofree char *first_key = NULL;
  gint64 first = 0, owner;

  for (guint i = 0;; i++)
    {
      g_autofree char *key = NULL;

      if ((owner = nth_owner (self, in, i, &key)) < 0)
        return TRUE;
      if (owner == 0 || owner == first)
        continue;
      if (first == 0)
        {
          first = owner;
          first_key = g_steal_pointer (&key);
        }
      else
        {
          g_autofree char *one = NULL;
          g_autofree char *other = NULL;

          g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
                       _("“%s” belongs to %s and “%s” to %s: one row cannot be both records"),
                       first_key, kith_records_name_of (self, first, &one),
                       key, kith_records_name_of (self, owner, &other));
          return FALSE;
        }
    }
}

static KithRecordKind
read_kind (KithStore *self,
           gint64     id)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT kind FROM records WHERE id = ?", NULL))
    return KITH_RECORD_KIND_INVALID;
  kith_statement_bind_int64 (&st, 1, id);
  if (!kith_statement_step (&st, NULL))
    return KITH_RECORD_KIND_INVALID;

  return (KithRecordKind) kith_statement_column_int64 (&st, 0);
}

KithRecordKind
kith_store_get_record_kind (KithStore *self,
                            gint64     id)
{
  KithRecordKind kind;

  g_return_val_if_fail (KITH_IS_STORE (self), KITH_RECORD_KIND_INVALID);

  kith_store_lock (self);
  kind = read_kind (self, id);
  kith_store_unlock (self);

  return kind;
}

/* The type of sync key an identifier names, and its normalised form. */
char *
kith_records_key_for_identifier (KithStore   *self,
                                 const char  *identifier,
                                 const char **out_type)
{
  static const char *handles[] = { "twitter", "facebook", "linkedin" };
  const char *colon;
  char *key;

  *out_type = NULL;

  if (identifier == NULL || !g_utf8_validate (identifier, -1, NULL))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (handles); i++)
    if (g_str_has_prefix (identifier, handles[i]) && identifier[strlen (handles[i])] == ':')
      {
        *out_type = handles[i];
        return kith_synckey_handle (identifier + strlen (handles[i]) + 1, NULL);
      }

  if (strchr (identifier, '@') != NULL && (key = kith_synckey_email (identifier, NULL)) != NULL)
    {
      *out_type = "email";
      return key;
    }

  /* appid:uniqueid, where the app id is a domain */
  colon = strchr (identifier, ':');
  if (colon != NULL && colon != identifier && strchr (identifier, '/') == NULL)
    {
      g_autofree char *app = g_strndup (identifier, colon - identifier);
      g_autofree char *app_id = kith_synckey_app_id (app, NULL);

      if (app_id != NULL && colon[1] != '\0')
        {
          *out_type = "applink";
          return g_strconcat (app_id, colon, NULL);
        }
    }

  if (strspn (identifier, "+0123456789 -().") == strlen (identifier) &&
      (key = kith_store_normalize_phone (self, identifier)) != NULL)
    {
      *out_type = "phone";
      return key;
    }

  if ((key = kith_synckey_domain (identifier, NULL)) != NULL)
    {
      *out_type = "domain";
      return key;
    }

  *out_type = "synckey";
  return g_strdup (identifier);
}

/**
 * kith_records_no_match_message:
 *
 * Returns: (transfer full): why @identifier names no record: nobody has it, or several records
 *   share it (a phone number or handle, which names someone only with their name)
 */
char *
kith_records_no_match_message (KithStore  *self,
                               const char *identifier)
{
  g_autofree char *key = NULL;
  const char *type = NULL;
  guint n_owners = 0;

  if (identifier == NULL || !g_utf8_validate (identifier, -1, NULL))
    return g_strdup_printf (_("No record matches “%s”"), "?");

  kith_store_lock (self);
  if (identifier[0] != '#' && (key = kith_records_key_for_identifier (self, identifier, &type)) != NULL &&
      kith_records_key_needs_name (type))
    {
      gint64 first, named;

      n_owners = find_owners (self, type, key, NULL, &first, &named);
    }
  kith_store_unlock (self);

  if (n_owners > 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "“%s” belongs to %u record, so it names none of them: use an email or #id",
                                         "“%s” belongs to %u records, so it names none of them: use an email or #id",
                                         n_owners),
                            identifier, n_owners);

  return g_strdup_printf (_("No record matches “%s”"), identifier);
}

/**
 * kith_store_lookup:
 * @identifier: an email, phone number, `twitter:handle`, app link `appid:uniqueid`, company
 *   domain, sync key or `#id`; a phone number or handle that several records share names none
 *
 * Returns: the id of the record @identifier names, or 0 with %KITH_STORE_ERROR_NOT_FOUND
 */
gint64
kith_store_lookup (KithStore   *self,
                   const char  *identifier,
                   GError     **error)
{
  g_autofree char *key = NULL;
  const char *type;
  gint64 id = 0;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  kith_store_lock (self);

  if (identifier != NULL && identifier[0] == '#')
    {
      char *end = NULL;
      gint64 n = g_ascii_strtoll (identifier + 1, &end, 10);

      /* "#" and digits only: not "# 1" or "#+1" */
      if (g_ascii_isdigit (identifier[1]) && end != identifier + 1 && *end == '\0' &&
          kith_store_get_record_kind (self, n) != KITH_RECORD_KIND_INVALID)
        id = n;
    }
  else if ((key = kith_records_key_for_identifier (self, identifier, &type)) != NULL)
    {
      id = kith_records_find_by_key (self, type, key);
      /* a domain may also be the sync key of nothing: try the identifier as a sync key */
      if (id == 0 && strcmp (type, "synckey") != 0)
        id = kith_records_find_by_key (self, "synckey", identifier);
    }

  kith_store_unlock (self);

  if (id == 0 && error != NULL)
    {
      g_autofree char *message = kith_records_no_match_message (self, identifier);

      g_set_error_literal (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND, message);
    }

  return id;
}

static GArray *
read_merge_candidates (KithStore  *self,
                       gint64      id,
                       GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self,
                               "SELECT o.id FROM records r "
                               "  JOIN records o ON o.kind = r.kind AND o.sort_name = r.sort_name "
                               "  WHERE r.id = ?1 AND o.id != ?1 "
                               "UNION SELECT o.id FROM channels c "
                               "  JOIN channels s ON s.type = c.type AND s.key = c.key "
                               "    AND s.key IS NOT NULL AND s.record_id != ?1 "
                               "  JOIN records o ON o.id = s.record_id "
                               "    AND o.kind = (SELECT kind FROM records WHERE id = ?1) "
                               "  WHERE c.record_id = ?1 AND c.key IS NOT NULL "
                               "LIMIT 200",
                               error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, id);

  return kith_statement_get_ids (&st, error);
}

/**
 * kith_store_find_merge_candidates:
 *
 * Records that may be the same as @id: of its kind, with the same full name (ignoring case and
 * accents) or sharing a phone number or handle with it. A shared last name alone is no reason.
 *
 * Returns: (transfer full) (nullable): their ids, at most 200; %NULL with @error set
 */
GArray *
kith_store_find_merge_candidates (KithStore   *self,
                                  gint64       id,
                                  GError     **error)
{
  GArray *ids;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  ids = read_merge_candidates (self, id, error);
  kith_store_unlock (self);

  return ids;
}
