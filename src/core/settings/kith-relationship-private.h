/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store-private.h"

G_BEGIN_DECLS

/* kith-relationship.c */
const char   *kith_relationship_stage_key (KithRecordKind kind,
                                          const char    *stage);
char         *kith_relationship_segment_key (KithStore *self,
                                          KithRecordKind kind,
                                          const char    *segment);
char         *kith_relationship_step_key (KithStore     *self,
                                          const char    *step,
                                          const char    *segment,
                                          const char    *stage);

G_END_DECLS
