/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithBooks"

#include "config.h"

#include <string.h>

#include "kith-book-sync.h"
#include "kith-import.h"
#include "kith-vcard-card.h"
#include "kith-vcard-picture.h"
#include "kith-vcard-writer.h"

/*
 * Keeping records and contacts in step, on the store's worker (docs/contacts.md). A contact
 * is read with the vCard mapping of src/services/transfer (kith_vcard_card_read ()) into typed
 * values: a new one goes in through KithImport (the bulk path), so that it merges with the
 * person its email already names; a linked one is written over its record. Kith's own edits
 * go back to the contact by kith_book_sync_write_back (). The link
 * (src/core/records/kith-book-links.c) says which side changed since they last agreed.
 */

/* The fields of a record a contact holds besides those it has: what a book's change writes
 * over, and what a conflict compares. A field the contact lacks is cleared. */
static const KithFieldMask held_fields = KITH_FIELD_BIT (KITH_FIELD_EMAILS) | KITH_FIELD_BIT (KITH_FIELD_PHONES) |
                                         KITH_FIELD_BIT (KITH_FIELD_ADDRESSES) | KITH_FIELD_BIT (KITH_FIELD_NOTES);

/* The vCard properties Kith writes back: those of the fields above, and the name */
static const char *const book_properties[] = {
  "FN", "N", "EMAIL", "TEL", "ADR", "BDAY", "ORG", "TITLE", "NOTE", "PHOTO", NULL
};

/* What belongs to the book rather than to the person: its UID, REV, Evolution's bookkeeping */
static gboolean
is_bookkeeping (EVCardAttribute *attr)
{
  const char *name = e_vcard_attribute_get_name (attr);

  return g_ascii_strcasecmp (name, EVC_UID) == 0 || g_ascii_strcasecmp (name, EVC_REV) == 0 ||
         g_ascii_strncasecmp (name, "X-EVOLUTION-", 12) == 0;
}

/* Takes the book's bookkeeping off @contact, in place, so that it is not kept with the record,
 * and returns what tells this state of the contact from another: its REV, and a digest of the
 * rest of it, because a book's REV may be a time to the second, the same for two changes in
 * one second. @contact is the caller's own (EDS hands each reader its copies): stripping it
 * rather than a duplicate parses its vCard once, and the record is read from it as it is. */
static char *
strip_contact (EContact *contact)
{
  g_autofree char *rev = e_contact_get (contact, E_CONTACT_REV);
  GList *attrs = g_list_copy (e_vcard_get_attributes (E_VCARD (contact)));
  g_autofree char *text = NULL;
  g_autofree char *digest = NULL;

  for (GList *l = attrs; l != NULL; l = l->next)
    if (is_bookkeeping (l->data))
      e_vcard_remove_attribute (E_VCARD (contact), l->data);
  g_list_free (attrs);
  text = e_vcard_to_string (E_VCARD (contact), EVC_FORMAT_VCARD_30);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  return g_strdup_printf ("%s %s", rev != NULL ? rev : "", digest);
}

/* The fields of a linked contact's record that the book's change writes: those the card has,
 * and those a contact holds, cleared when the card lacks them */
static KithFieldMask
fields_of_card (const KithVCardCard *card)
{
  KithFieldMask mask = held_fields;

  if (card->kind == KITH_RECORD_PERSON)
    mask |= KITH_FIELD_BIT (KITH_FIELD_BIRTHDAY);
  for (KithField f = 0; f < KITH_N_FIELDS; f++)
    if (card->values->fields[f].set)
      mask |= KITH_FIELD_BIT (f);

  return mask;
}

/* A value in one line, for the audit log; NULL for none */
static char *
value_text (KithField        field,
            const KithValue *value)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (!value->set)
    return NULL;
  switch (kith_field_info (field)->type)
    {
    case KITH_VALUE_TEXT:
      return g_strdup (value->text);
    case KITH_VALUE_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, value->num);
    case KITH_VALUE_DOUBLE:
      return g_strdup_printf ("%g", value->real);
    case KITH_VALUE_FLAG:
      return g_strdup (value->flag ? "true" : "false");
    case KITH_VALUE_STRV:
      return value->strv[0] != NULL ? g_strjoinv (", ", value->strv) : NULL;
    case KITH_VALUE_CHANNELS:
      for (guint i = 0; i < value->list->len; i++)
        {
          const KithRecordChannel *c = g_ptr_array_index (value->list, i);

          g_string_append_printf (text, "%s%s", i ? ", " : "", c->value);
          if (c->label != NULL)
            g_string_append_printf (text, " (%s)", c->label);
        }
      break;
    case KITH_VALUE_ADDRESSES:
      for (guint i = 0; i < value->list->len; i++)
        {
          g_autofree char *line = kith_record_address_format (g_ptr_array_index (value->list, i));

          g_string_append_printf (text, "%s%s", i ? "; " : "", line);
        }
      break;
    default:
      g_string_append_printf (text, "%u", value->list->len);
      break;
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* Both sides changed: the book's values win (docs/contacts.md says why); Kith's values of the
 * fields that differ go to the record's audit log */
static void
note_conflict (KithStore               *store,
               gint64                   id,
               const KithRecordValues  *kith,
               const KithRecordValues  *book,
               KithFieldMask            fields)
{
  for (KithField f = 0; f < KITH_N_FIELDS; f++)
    {
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      if ((fields & KITH_FIELD_BIT (f)) == 0 || f == KITH_FIELD_PICTURE)
        continue;
      before = value_text (f, &kith->fields[f]);
      after = value_text (f, &book->fields[f]);
      if (g_strcmp0 (before, after) == 0)
        continue;
      if (!kith_store_add_book_conflict (store, id, kith_field_info (f)->member, before, after, &error))
        g_warning ("A conflict with an address book is not in the audit log: %s", error->message);
    }
}

/* Writes a linked contact over its record; %FALSE when the record is gone */
static gboolean
update_linked (KithStore            *store,
               KithBookLink         *link,
               const KithVCardCard  *card,
               GError              **error)
{
  g_autoptr(KithRecordValues) kith = kith_store_read_record_values (store, link->record_id, NULL, NULL);
  KithFieldMask fields = fields_of_card (card);

  if (kith == NULL)
    return FALSE;
  if (kith_store_book_link_is_edited (store, link, NULL))
    note_conflict (store, link->record_id, kith, card->values, fields);

  return kith_store_update_record_from_values (store, link->record_id, card->values, fields, error);
}

static gboolean
read_card (KithStore      *store,
           EContact       *contact,
           KithVCardCard  *card,
           GError        **error)
{
  g_autofree char *picture = NULL;

  if (!kith_vcard_card_read_vcard (E_VCARD (contact), card, error))
    return FALSE;
  if (card->photo == NULL)
    return TRUE;
  picture = kith_vcard_picture_save (store, card->photo, TRUE, error);
  if (picture == NULL)
    return FALSE;
  kith_record_values_set_text (card->values, KITH_FIELD_PICTURE, picture);

  return TRUE;
}

static void
sync_contact (KithImport *import,
              const char *book_uid,
              guint       row,
              EContact   *contact)
{
  KithStore *store = kith_import_get_store (import);
  g_autofree char *uid = e_contact_get (contact, E_CONTACT_UID);
  g_autofree char *rev = strip_contact (contact);
  g_autoptr(KithBookLink) link = kith_store_get_book_link (store, book_uid, uid, NULL);
  g_auto(KithVCardCard) card = { 0, };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  /* The contact as Kith last read or wrote it: nothing to do */
  if (link != NULL && g_strcmp0 (link->revision, rev) == 0)
    return;
  if (!read_card (store, contact, &card, &error))
    {
      kith_import_reject (import, row, error->message);
      return;
    }

  if (link != NULL && update_linked (store, link, &card, &error))
    id = link->record_id;
  else if (error == NULL &&
           kith_import_add_values (import, row, card.kind, card.values, &id) == KITH_IMPORT_REJECTED)
    return;
  if (id == 0)
    {
      kith_import_reject (import, row, error->message);
      return;
    }

  if (card.extra != NULL && !kith_store_set_vcard_extra (store, id, card.extra, &error))
    g_warning ("Contact %s: the properties Kith has no field for are not kept: %s", uid, error->message);
  g_clear_error (&error);
  if (!kith_store_set_book_link (store, book_uid, uid, id, rev, &error))
    g_warning ("Contact %s is not linked to its record: %s", uid, error->message);
}

/**
 * kith_book_sync_contacts:
 * @contacts: (element-type EContact): contacts of the book, new or changed; they lose the
 *   book's bookkeeping (UID, REV, `X-EVOLUTION-*`) on the way
 * @seen: (nullable): a set of strings the uids of @contacts are added to
 *
 * Makes or updates the records of @contacts, in one transaction, through a KithImport: a new contact
 * merges with the person or company its sync keys name; a contact refused is logged with why.
 */
gboolean
kith_book_sync_contacts (KithStore   *store,
                         const char  *book_uid,
                         GPtrArray   *contacts,
                         GHashTable  *seen,
                         GError     **error)
{
  g_autoptr(KithImport) import = kith_import_new (store, FALSE);

  /* The book has them whether or not this batch is written: a batch that fails must not make
   * the first reading's end unlink contacts that are still there */
  for (guint i = 0; seen != NULL && i < contacts->len; i++)
    {
      char *uid = e_contact_get (g_ptr_array_index (contacts, i), E_CONTACT_UID);

      if (uid != NULL)
        g_hash_table_add (seen, uid);
    }

  /* One transaction: the records, what Kith keeps of their cards and their links, whole */
  if (!kith_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < contacts->len; i++)
    sync_contact (import, book_uid, i + 1, g_ptr_array_index (contacts, i));
  if (!kith_import_finish (import, error))
    {
      kith_store_rollback (store);
      return FALSE;
    }
  if (!kith_store_commit (store, error))
    return FALSE;

  for (guint i = 0; i < kith_import_get_n_rejections (import); i++)
    g_warning ("A contact of address book %s is not in Kith: %s", book_uid,
               kith_import_get_rejection (import, i)->reason);

  return TRUE;
}

/**
 * kith_book_sync_forget:
 *
 * Contacts deleted on the book: their records stay (what Kith knows of a person is the
 * user's), no longer linked.
 */
gboolean
kith_book_sync_forget (KithStore          *store,
                       const char         *book_uid,
                       const char * const *contact_uids,
                       GError            **error)
{
  for (guint i = 0; contact_uids[i] != NULL; i++)
    if (!kith_store_remove_book_link (store, book_uid, contact_uids[i], error))
      return FALSE;

  return TRUE;
}

/**
 * kith_book_sync_keep_only:
 * @contact_uids: the uids of every contact the book holds now
 *
 * After reading the whole book: forgets the links of contacts deleted while Kith did not run.
 */
gboolean
kith_book_sync_keep_only (KithStore   *store,
                          const char  *book_uid,
                          GHashTable  *contact_uids,
                          GError     **error)
{
  g_auto(GStrv) linked = kith_store_dup_book_contact_uids (store, book_uid, error);
  g_autoptr(GStrvBuilder) gone = g_strv_builder_new ();
  g_auto(GStrv) uids = NULL;

  if (linked == NULL)
    return FALSE;
  for (guint i = 0; linked[i] != NULL; i++)
    if (!g_hash_table_contains (contact_uids, linked[i]))
      g_strv_builder_add (gone, linked[i]);
  uids = g_strv_builder_end (gone);

  return kith_book_sync_forget (store, book_uid, (const char * const *) uids, error);
}

static void
remove_properties (EVCard     *vcard,
                   const char *name)
{
  GList *attrs = g_list_copy (e_vcard_get_attributes (vcard));

  for (GList *l = attrs; l != NULL; l = l->next)
    if (g_ascii_strcasecmp (e_vcard_attribute_get_name (l->data), name) == 0)
      e_vcard_remove_attribute (vcard, l->data);
  g_list_free (attrs);
}

/* @contact with the properties of the fields Kith holds taken from @values; the others (a
 * nickname, a phone's own settings) stay as the book has them */
static void
merge_record (KithStore              *store,
              gint64                  id,
              KithRecordKind          kind,
              const KithRecordValues *values,
              EContact               *contact)
{
  g_autofree char *extra = kith_store_dup_vcard_extra (store, id, NULL);
  g_autofree char *text = kith_vcard_write_record (kind, values, extra, KITH_VCARD_30);
  g_autoptr(EVCard) mine = e_vcard_new_from_string (text);

  for (guint i = 0; book_properties[i] != NULL; i++)
    {
      remove_properties (E_VCARD (contact), book_properties[i]);
      for (GList *l = e_vcard_get_attributes (mine); l != NULL; l = l->next)
        if (g_ascii_strcasecmp (e_vcard_attribute_get_name (l->data), book_properties[i]) == 0)
          e_vcard_append_attribute (E_VCARD (contact), e_vcard_attribute_copy (l->data));
    }
}

static gboolean
write_link (KithStore     *store,
            EBookClient   *client,
            KithBookLink  *link,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(EContact) contact = NULL;
  g_autoptr(EContact) written = NULL;
  g_autoptr(KithRecordValues) values = NULL;
  KithRecordKind kind = KITH_RECORD_PERSON;
  g_autofree char *rev = NULL, *written_rev = NULL;

  if (!kith_store_book_link_is_edited (store, link, NULL))
    return TRUE;
  if (!e_book_client_get_contact_sync (client, link->contact_uid, &contact, cancellable, error))
    return FALSE;
  /* Changed on the book too: its change, on its way, settles the conflict. By the REV alone:
   * a contact read by itself is not written out as the same text as in a list of them */
  rev = g_strdup_printf ("%s ", e_contact_get_const (contact, E_CONTACT_REV) != NULL
                                ? (const char *) e_contact_get_const (contact, E_CONTACT_REV) : "");
  if (link->revision == NULL || !g_str_has_prefix (link->revision, rev))
    return TRUE;
  values = kith_store_read_record_values (store, link->record_id, &kind, error);
  if (values == NULL)
    return FALSE;

  merge_record (store, link->record_id, kind, values, contact);
  if (!e_book_client_modify_contact_sync (client, contact, E_BOOK_OPERATION_FLAG_NONE, cancellable, error) ||
      !e_book_client_get_contact_sync (client, link->contact_uid, &written, cancellable, error))
    return FALSE;

  written_rev = strip_contact (written);

  return kith_store_set_book_link (store, link->book_uid, link->contact_uid, link->record_id, written_rev, error);
}

/* The records linked to a contact of @book_uid */
static GArray *
linked_records (KithStore   *store,
                const char  *book_uid,
                GError     **error)
{
  g_auto(GStrv) uids = kith_store_dup_book_contact_uids (store, book_uid, error);
  GArray *ids;

  if (uids == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; uids[i] != NULL; i++)
    {
      g_autoptr(KithBookLink) link = kith_store_get_book_link (store, book_uid, uids[i], NULL);

      if (link != NULL)
        g_array_append_val (ids, link->record_id);
    }

  return ids;
}

/**
 * kith_book_sync_write_back:
 * @record_ids: (nullable): records that changed in Kith; %NULL: any linked to the book (a
 *   change too large for the store to name its records)
 *
 * Writes to the contacts of @book_uid the fields the book holds of those of @record_ids that
 * are linked to one and were edited in Kith since they last agreed. A contact changed on the
 * book meanwhile is left to its own change, which wins (docs/contacts.md). Runs @client's
 * calls on the store's worker so that no other sync of the book comes between the writing
 * and the link that records it.
 */
gboolean
kith_book_sync_write_back (KithStore     *store,
                           EBookClient   *client,
                           const char    *book_uid,
                           GArray        *record_ids,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GArray) all = NULL;

  if (record_ids == NULL && (record_ids = all = linked_records (store, book_uid, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < record_ids->len; i++)
    {
      g_autoptr(GPtrArray) links = kith_store_get_record_book_links (store, g_array_index (record_ids, gint64, i), error);

      if (links == NULL)
        return FALSE;
      for (guint j = 0; j < links->len; j++)
        {
          KithBookLink *link = g_ptr_array_index (links, j);

          if (g_str_equal (link->book_uid, book_uid) && !write_link (store, client, link, cancellable, error))
            return FALSE;
        }
    }

  return TRUE;
}
