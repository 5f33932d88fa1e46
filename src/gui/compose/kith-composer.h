/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-outgoing.h"
#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_COMPOSER (kith_composer_get_type ())
G_DECLARE_FINAL_TYPE (KithComposer, kith_composer, KITH, COMPOSER, AdwWindow)

KithComposer *kith_composer_new (KithStore    *store,
                                 GListModel   *accounts,
                                 KithOutgoing *draft);

G_END_DECLS
