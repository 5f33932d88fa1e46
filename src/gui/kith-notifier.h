/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kith-store.h"

G_BEGIN_DECLS

#define KITH_TYPE_NOTIFIER (kith_notifier_get_type ())
G_DECLARE_FINAL_TYPE (KithNotifier, kith_notifier, KITH, NOTIFIER, GObject)

KithNotifier *kith_notifier_new   (GApplication *application,
                                   KithStore    *store);

G_END_DECLS
