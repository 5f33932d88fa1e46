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
 * is read with the vCard mapping of src/services/transfer (kith_vcard_card_read ()): a new one
 * goes in through KithImport, so that it merges with the person its email already names; a
 * linked one is written over its record. Kith's own edits go back to the contact by
 * kith_book_sync_write_back (). The link (src/core/records/kith-book-links.c) says which side
 * changed since they last agreed.
 */

/* The members of a record a contact holds: what a book's change writes over, and what a
 * conflict compares. A member the contact lacks is cleared. */
static const char *const list_members[] = { "emails", "phones", "addresses", NULL };
static const char *const scalar_members[] = { "birthday", "notes", NULL };

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

static char *
member_text (JsonObject *object,
             const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) == 0)
    return NULL;

  return json_to_string (node, FALSE);
}

/* A contact changed on the book holds, for the members it knows, what the record is to hold */
static void
fill_missing (JsonObject *record)
{
  for (guint i = 0; list_members[i] != NULL; i++)
    if (!json_object_has_member (record, list_members[i]))
      json_object_set_array_member (record, list_members[i], json_array_new ());
  for (guint i = 0; scalar_members[i] != NULL; i++)
    if (!json_object_has_member (record, scalar_members[i]))
      json_object_set_null_member (record, scalar_members[i]);
}

/* Both sides changed: the book's values win (docs/contacts.md says why); Kith's values of the
 * members that differ go to the record's audit log */
static void
note_conflict (KithStore  *store,
               gint64      id,
               JsonObject *kith,
               JsonObject *book)
{
  g_autoptr(GList) members = json_object_get_members (book);

  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *before = member_text (kith, l->data);
      g_autofree char *after = member_text (book, l->data);
      g_autoptr(GError) error = NULL;

      if (g_strcmp0 (before, after) == 0 || g_str_equal (l->data, "picture"))
        continue;
      if (!kith_store_add_book_conflict (store, id, l->data, before, after, &error))
        g_warning ("A conflict with an address book is not in the audit log: %s", error->message);
    }
}

/* Writes a linked contact over its record; %FALSE when the record is gone */
static gboolean
update_linked (KithStore    *store,
               KithBookLink *link,
               JsonObject   *record,
               GError      **error)
{
  g_autoptr(JsonObject) kith = kith_store_get_record (store, link->record_id, NULL);

  if (kith == NULL)
    return FALSE;
  fill_missing (record);
  if (kith_store_book_link_is_edited (store, link, NULL))
    note_conflict (store, link->record_id, kith, record);

  return kith_store_update_record (store, link->record_id, record, error);
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
  json_object_set_string_member (card->record, "picture", picture);

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

  if (link != NULL && update_linked (store, link, card.record, &error))
    id = link->record_id;
  else if (error == NULL &&
           kith_import_add_record (import, row, card.kind, card.record, &id) == KITH_IMPORT_REJECTED)
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

/* @contact with the properties of the fields Kith holds taken from @record; the others (a
 * nickname, a phone's own settings) stay as the book has them */
static void
merge_record (KithStore  *store,
              gint64      id,
              JsonObject *record,
              EContact   *contact)
{
  g_autofree char *extra = kith_store_dup_vcard_extra (store, id, NULL);
  g_autofree char *text = kith_vcard_write_record (record, extra, KITH_VCARD_30);
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
  g_autoptr(JsonObject) record = NULL;
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
  record = kith_store_get_record (store, link->record_id, error);
  if (record == NULL)
    return FALSE;

  merge_record (store, link->record_id, record, contact);
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
