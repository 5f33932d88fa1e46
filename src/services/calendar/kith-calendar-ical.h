/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libecal/libecal.h>

G_BEGIN_DECLS

/* libical-glib 3.0 (Debian 12) declares no g_autoptr() cleanups for its objects */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ICalComponent, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ICalProperty, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ICalParameter, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ICalTime, g_object_unref)
/* Nor does libecal 3.46 for ECalClient (EClient has one) */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ECalClient, g_object_unref)

G_END_DECLS
