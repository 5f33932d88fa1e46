/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* The street addresses of the deals, looked up by the words of an event's text (kith-deal-places.c) */
typedef struct _KithDealPlaces KithDealPlaces;

KithDealPlaces *kith_deal_places_new   (KithStore      *store,
                                        GError        **error);
void            kith_deal_places_free  (KithDealPlaces *places);
void            kith_deal_places_match (KithDealPlaces *places,
                                        const char     *text,
                                        GArray         *deal_ids);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithDealPlaces, kith_deal_places_free)

G_END_DECLS
