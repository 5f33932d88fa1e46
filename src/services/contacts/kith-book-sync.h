/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libebook/libebook.h>

#include "kith-core.h"
#include "kith-vcard-fields.h"

G_BEGIN_DECLS

/* EDS 3.46 declares none for EContact (kith-vcard-fields.h has EVCard's) */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EContact, g_object_unref)

/* On the store's worker (jobs of kith_store_run_async ()): what a followed address book's
 * contacts make of Kith's records, and what Kith's edits make of the contacts */
gboolean kith_book_sync_contacts   (KithStore     *store,
                                    const char    *book_uid,
                                    GPtrArray     *contacts,
                                    GHashTable    *seen,
                                    GError       **error);
gboolean kith_book_sync_forget     (KithStore     *store,
                                    const char    *book_uid,
                                    const char * const *contact_uids,
                                    GError       **error);
gboolean kith_book_sync_keep_only  (KithStore     *store,
                                    const char    *book_uid,
                                    GHashTable    *contact_uids,
                                    GError       **error);
gboolean kith_book_sync_write_back (KithStore     *store,
                                    EBookClient   *client,
                                    const char    *book_uid,
                                    GArray        *record_ids,
                                    GCancellable  *cancellable,
                                    GError       **error);

G_END_DECLS
