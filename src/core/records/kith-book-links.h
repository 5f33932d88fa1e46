/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* A record kept in sync with a contact of an evolution-data-server address book */
typedef struct {
  char   *book_uid;
  char   *contact_uid;
  gint64  record_id;
  char   *revision;         /* the contact's REV when both sides last agreed */
  gint64  record_changed;   /* the record's `changed` time then */
} KithBookLink;

void          kith_book_link_free              (KithBookLink *link);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithBookLink, kith_book_link_free)

gboolean      kith_store_set_book_link         (KithStore    *self,
                                                const char   *book_uid,
                                                const char   *contact_uid,
                                                gint64        record_id,
                                                const char   *revision,
                                                GError      **error);
KithBookLink *kith_store_get_book_link         (KithStore    *self,
                                                const char   *book_uid,
                                                const char   *contact_uid,
                                                GError      **error);
GPtrArray    *kith_store_get_record_book_links (KithStore    *self,
                                                gint64        record_id,
                                                GError      **error);
GStrv         kith_store_dup_book_contact_uids (KithStore    *self,
                                                const char   *book_uid,
                                                GError      **error);
gboolean      kith_store_remove_book_link      (KithStore    *self,
                                                const char   *book_uid,
                                                const char   *contact_uid,
                                                GError      **error);
gboolean      kith_store_book_link_is_edited   (KithStore    *self,
                                                const KithBookLink *link,
                                                GError      **error);
gboolean      kith_store_add_book_conflict     (KithStore    *self,
                                                gint64        record_id,
                                                const char   *field,
                                                const char   *kith_value,
                                                const char   *book_value,
                                                GError      **error);

G_END_DECLS
