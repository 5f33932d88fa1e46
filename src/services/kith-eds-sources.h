/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libedataserver/libedataserver.h>

#include "kith-store.h"

G_BEGIN_DECLS

/**
 * KithEdsUpdateFunc:
 * @source: an enabled source of the list's kind
 *
 * Describes @source as the registry has it now, and starts or stops its watch.
 *
 * Returns: (transfer full): the item for @source: the list's own when it has one for its UID
 */
typedef gpointer (*KithEdsUpdateFunc) (ESource  *source,
                                       gpointer  user_data);

/* Stops a watch for good; the list lets go of it afterwards */
typedef void     (*KithEdsStopFunc)   (gpointer  watch);

#define KITH_TYPE_EDS_SOURCES (kith_eds_sources_get_type ())
G_DECLARE_FINAL_TYPE (KithEdsSources, kith_eds_sources, KITH, EDS_SOURCES, GObject)

KithEdsSources  *kith_eds_sources_new          (const char        *extension_name,
                                                GType              item_type,
                                                KithEdsStopFunc    stop_watch);
void             kith_eds_sources_start        (KithEdsSources    *self);
void             kith_eds_sources_stop         (KithEdsSources    *self);
ESourceRegistry *kith_eds_sources_get_registry (KithEdsSources    *self);
GListModel      *kith_eds_sources_get_items    (KithEdsSources    *self);
gpointer         kith_eds_sources_find         (KithEdsSources    *self,
                                                const char        *uid);
GStrv            kith_eds_sources_dup_uids     (KithEdsSources    *self);
void             kith_eds_sources_sync         (KithEdsSources    *self,
                                                KithEdsUpdateFunc  update,
                                                gpointer           user_data);
gpointer         kith_eds_sources_get_watch    (KithEdsSources    *self,
                                                const char        *uid);
void             kith_eds_sources_add_watch    (KithEdsSources    *self,
                                                const char        *uid,
                                                gpointer           watch);
void             kith_eds_sources_stop_watch   (KithEdsSources    *self,
                                                const char        *uid);

GHashTable      *kith_eds_read_settings        (KithStore          *store,
                                                const char         *prefix,
                                                const char * const *uids);

G_END_DECLS
