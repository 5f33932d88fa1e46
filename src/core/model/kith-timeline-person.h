/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KITH_TYPE_TIMELINE_PERSON (kith_timeline_person_get_type ())
G_DECLARE_FINAL_TYPE (KithTimelinePerson, kith_timeline_person, KITH, TIMELINE_PERSON, GObject)

KithTimelinePerson *kith_timeline_person_new           (const char         *role,
                                                        const char         *value,
                                                        const char         *name,
                                                        gint64              record_id);
const char         *kith_timeline_person_get_role      (KithTimelinePerson *self);
const char         *kith_timeline_person_get_value     (KithTimelinePerson *self);
const char         *kith_timeline_person_get_name      (KithTimelinePerson *self);
gint64              kith_timeline_person_get_record_id (KithTimelinePerson *self);

G_END_DECLS
