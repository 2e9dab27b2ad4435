import type { Routes } from '@angular/router';
import { CallPage } from './call-page';

export const routes: Routes = [{ path: '', component: CallPage }];
