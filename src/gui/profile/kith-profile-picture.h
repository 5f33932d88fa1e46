/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

/**
 * KithPictureSetFunc:
 * @owner: the widget that asked, still alive
 * @record_id: the record whose picture is now the one stored
 */
typedef void (*KithPictureSetFunc) (GtkWidget *owner,
                                    gint64     record_id);

void kith_profile_picture_set    (GtkWidget          *owner,
                                  KithStore          *store,
                                  gint64              record_id,
                                  GFile              *file,
                                  KithPictureSetFunc  done);
void kith_profile_picture_choose (GtkWidget          *owner,
                                  KithStore          *store,
                                  gint64              record_id,
                                  KithPictureSetFunc  done);
void kith_profile_picture_remove (GtkWidget          *owner,
                                  KithStore          *store,
                                  KithRecord         *record);

G_END_DECLS
